package msg

// indonesian is the catalog: the Indonesian format of every message,
// keyed by its English format (the string given to Sprintf, Errorf, Word
// or Plural). TestCatalog keeps it complete and without unused entries;
// the verbs of both formats must be the same (reorder with %[n]s).
var indonesian = map[string]string{
	"SPBE_LANG=%s: unknown language (want id or en)": "SPBE_LANG=%s: bahasa tidak dikenal (pilih id atau en)",
}
