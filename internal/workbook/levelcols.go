package workbook

import (
	"fmt"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
)

// levelColumnsFound returns what to add to the error of a level column
// asked for (opts.LevelCol) that no table has: the level columns that the
// file does have, read again with the level column detected
// (`--level-col "Nilai Akhir"` where the columns are "Penilaian Mandiri"
// and "Nilai Evaluator"). It is "" when none is found that way either.
func levelColumnsFound(path string, opts Options) string {
	o := opts
	o.LevelCol = ""
	if o.Layout == LayoutWide {
		return ""
	}
	var found []string
	_ = Read(path, o, Visitor{Long: func(s *Sheet, _ error) error {
		if s != nil {
			where := ""
			if o.AllSheets && s.Sheet != "" {
				where = s.Sheet + "!"
			}
			c := where + s.LevelColumn
			if s.LevelHeader != "" {
				c += fmt.Sprintf(" %q", s.LevelHeader)
			}
			found = append(found, c)
			for _, l := range s.OtherLevelColumns {
				found = append(found, where+l)
			}
		}
		return nil
	}})
	if len(found) == 0 {
		return ""
	}
	list := strings.Join(found, ", ")
	return msg.Sprintf(opts.Lang, "; the level columns found: %s (--level-col takes a header or a column letter)", list)
}
