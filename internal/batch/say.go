package batch

import "github.com/spbe-id/spbe/internal/label"

// say returns the message in lang: en in English ("en"), else id, in
// Indonesian, the default. The messages that reading writes anew (issue
// 21) are in both languages; the older ones are still in English only.
func say(lang label.Lang, id, en string) string {
	if lang == label.English {
		return en
	}
	return id
}
