package butir

import "github.com/spbe-id/spbe/pkg/message"

// messagef makes the messages of this package that a user meets: an
// English error that says its format and arguments (pkg/message), so that
// the command line says it in the user's language from spbe's catalog,
// whose test checks that every format given here has an entry in it.
func messagef(format string, args ...any) error { return message.Errorf(format, args...) }
