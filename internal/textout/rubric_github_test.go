package textout

import (
	"strings"
	"testing"
)

func TestWriteAnnotation(t *testing.T) {
	tests := []struct {
		a    Annotation
		want string
	}{
		{Annotation{Level: "error", File: "r.yaml", Line: 3, Col: 5, Msg: "bad"}, "::error file=r.yaml,line=3,col=5::bad\n"},
		{Annotation{Level: "warning", File: "a,b:c%.yaml", Line: 1, Msg: "50% of\r\nx: y, z"}, "::warning file=a%2Cb%3Ac%25.yaml,line=1::50%25 of%0D%0Ax: y, z\n"},
		{Annotation{Level: "notice", Title: "rubric: diff", Msg: "3 changes"}, "::notice title=rubric%3A diff::3 changes\n"},
		{Annotation{Level: "error", File: "r.yaml", Msg: "no position"}, "::error file=r.yaml::no position\n"},
	}
	for _, tt := range tests {
		var sb strings.Builder
		if err := WriteAnnotation(&sb, tt.a); err != nil {
			t.Fatal(err)
		}
		if got := sb.String(); got != tt.want {
			t.Errorf("WriteAnnotation(%+v) = %q; want %q", tt.a, got, tt.want)
		}
	}
}
