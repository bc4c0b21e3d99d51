package batch

// say returns the message in lang: en in English ("en"), else id, in
// Indonesian, the default. The messages that reading writes anew (issue
// 21) are in both languages; the older ones are still in English only.
func say(lang, id, en string) string {
	if lang == "en" {
		return en
	}
	return id
}
