package textout

import (
	"fmt"
	"io"
	"strings"
)

// Annotation is one GitHub Actions workflow command that marks a problem or
// a note on a file, shown inline on a pull request.
type Annotation struct {
	Level string // "error", "warning" or "notice"
	File  string // "" for an annotation of the run, not of a file
	Line  int    // 0 when unknown
	Col   int
	Title string
	Msg   string
}

// WriteAnnotation writes a as a workflow command such as
// "::error file=r.yaml,line=3,col=5::message", escaping the message and the
// properties as the workflow-command rules require.
func WriteAnnotation(w io.Writer, a Annotation) error {
	var props []string
	if a.File != "" {
		props = append(props, "file="+escapeProperty(a.File))
		if a.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", a.Line))
			if a.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", a.Col))
			}
		}
	}
	if a.Title != "" {
		props = append(props, "title="+escapeProperty(a.Title))
	}
	cmd := "::" + a.Level
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	_, err := fmt.Fprintf(w, "%s::%s\n", cmd, escapeData(a.Msg))
	return err
}

// escapeData escapes the message of a workflow command: %, CR and LF,
// and the control characters a log viewer would act on (escapeControls).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(escapeControls(s, "\r\n"))
}

// escapeProperty escapes a property value: also ':' and ','.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(escapeControls(s, "\r\n"))
}
