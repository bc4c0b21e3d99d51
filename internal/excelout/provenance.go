package excelout

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// ProvenanceSheet is the name of the last, hidden sheet of a report that
// records where its numbers came from.
const ProvenanceSheet = "Provenance"

// provenanceFormat is the version of the layout of ProvenanceSheet.
const provenanceFormat = "1"

// Embedded is the RubricSource of a rubric built into spbe.
const Embedded = "embedded"

// HashFile returns the hex SHA-256 of a file's content.
func HashFile(path string) (string, error) { return hashFile(path, -1) }

// hashFile hashes a file of at most limit bytes (no limit when negative).
func hashFile(path string, limit int64) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	var r io.Reader = f
	if limit >= 0 {
		r = io.LimitReader(f, limit+1)
	}
	n, err := io.Copy(h, r)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if limit >= 0 && n > limit {
		return "", fmt.Errorf("%s: more than %d MiB; refusing to read it", path, limit>>20)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// RubricSource returns where the rubric named by arg (an embedded id or a
// file path, as rubric.Load takes it) comes from: Embedded or the path.
func RubricSource(arg string) string {
	if arg == "" {
		arg = rubric.DefaultID
	}
	if _, ok := rubric.EmbeddedSource(arg); ok {
		return Embedded
	}
	return arg
}

// NewProvenance records the run that scored evals for a report in lang:
// it hashes every input file. rubricSource comes from RubricSource.
func NewProvenance(version string, r *rubric.Rubric, rubricSource string, evals []*result.Evaluation, lang string, now time.Time) (*result.Provenance, error) {
	p := result.NewProvenance(version, r, rubricSource, now)
	p.Lang = lang
	for _, e := range evals {
		h, err := HashFile(e.Source)
		if err != nil {
			return nil, err
		}
		p.AddEvaluation(e, h)
	}
	return p, nil
}

// writeProvenance writes p to the hidden ProvenanceSheet, every value as
// text so that it reads back exactly, with the report's options (its
// title, sheets per instansi) that spbe verify needs to rebuild it.
func writeProvenance(f *excelize.File, p *result.Provenance, o Options) error {
	if _, err := f.NewSheet(ProvenanceSheet); err != nil {
		return err
	}
	// Hidden before it is streamed. Hiding reads every sheet of the
	// workbook, streamed ones back from their XML: a caller that streams
	// sheets creates and hides this one first.
	if visible, _ := f.GetSheetVisible(ProvenanceSheet); visible {
		if err := f.SetSheetVisible(ProvenanceSheet, false); err != nil {
			return err
		}
	}
	// Streamed: a national report records tens of thousands of levels.
	sw, err := f.NewStreamWriter(ProvenanceSheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 2, 14); err != nil {
		return err
	}
	if err := sw.SetColWidth(3, 4, 40); err != nil {
		return err
	}
	row := 1
	cells := make([]any, 0, 6)
	var werr error
	line := func(vals ...string) {
		cells = cells[:0]
		for _, v := range vals {
			cells = append(cells, v) // a string is always written as text
		}
		if werr == nil {
			werr = sw.SetRow(cell(1, row), cells)
		}
		row++
	}
	line("spbe provenance", provenanceFormat, "Do not edit: spbe verify recomputes the report from this sheet.")
	kv := [][2]string{
		{"spbe_version", p.Version},
		{"rubric_id", p.Rubric.ID},
		{"rubric_name", p.Rubric.Name},
		{"rubric_source", p.Rubric.Source},
		{"rubric_sha256", p.Rubric.SHA256},
	}
	if p.Rubric.DiffersFromEmbedded != "" {
		kv = append(kv, [2]string{"rubric_differs_from_embedded", p.Rubric.DiffersFromEmbedded},
			[2]string{"rubric_embedded_sha256", p.Rubric.EmbeddedSHA256})
	}
	kv = append(kv, [][2]string{
		{"rounding", p.Rounding},
		{"precision", strconv.Itoa(p.Precision)},
		{"lang", p.Lang},
		{"id_col", p.IDCol},
		{"level_col", p.LevelCol},
		{"time", p.Time.Format(time.RFC3339)},
	}...)
	if o.Title != "" {
		kv = append(kv, [2]string{"title", o.Title})
	}
	if o.PerInstansi {
		kv = append(kv, [2]string{"per_instansi", "true"})
	}
	for _, x := range kv {
		line("key", x[0], x[1])
	}
	// The region and row columns only when an input has one: a report
	// without them reads as those written before they were recorded
	// (the format stays 1: a reader finds the columns by their header,
	// and one that does not know a column passes it over).
	cols := []string{"record", "input", "path", "sha256", "sheet", "instansi"}
	region := slices.ContainsFunc(p.Inputs, func(in result.ProvenanceInput) bool { return in.Region != "" })
	wide := slices.ContainsFunc(p.Inputs, func(in result.ProvenanceInput) bool { return in.Row > 0 })
	if region || wide {
		cols = append(cols, "region")
	}
	if wide {
		cols = append(cols, "row")
	}
	line(cols...)
	for i, in := range p.Inputs {
		vals := []string{"input", strconv.Itoa(i + 1), in.Path, in.SHA256, in.Sheet, in.Instansi}
		if region || wide {
			vals = append(vals, in.Region)
		}
		if wide {
			row := ""
			if in.Row > 0 {
				row = strconv.Itoa(in.Row)
			}
			vals = append(vals, row)
		}
		line(vals...)
	}
	line("record", "input", "indicator", "cell", "level")
	for i, in := range p.Inputs {
		for _, l := range in.Levels {
			line("level", strconv.Itoa(i+1), l.ID, l.Cell, l.Level.String())
		}
	}
	writeButirProvenance(p, line)
	if werr != nil {
		return werr
	}
	return sw.Flush()
}

// readOptions reads the report's options recorded by writeProvenance
// (a report of an spbe without them has none).
func readOptions(f *excelize.File) Options {
	var o Options
	rows, _ := f.GetRows(ProvenanceSheet, excelize.Options{RawCellValue: true})
	for _, r := range rows {
		if len(r) < 3 || r[0] != "key" {
			continue
		}
		switch r[1] {
		case "title":
			o.Title = r[2]
		case "per_instansi":
			o.PerInstansi = r[2] == "true"
		}
	}
	return o
}

// ErrNoProvenance is wrapped by ReadProvenance's error for a workbook
// that is not an spbe report.
var ErrNoProvenance = errors.New("no spbe provenance sheet")

// ReadProvenance reads the provenance of an open report.
func ReadProvenance(f *excelize.File) (*result.Provenance, error) {
	rows, err := f.GetRows(ProvenanceSheet, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) == 0 || len(rows[0]) < 2 || rows[0][0] != "spbe provenance" {
		return nil, fmt.Errorf("%w (not a report written by spbe score -o)", ErrNoProvenance)
	}
	if rows[0][1] != provenanceFormat {
		return nil, fmt.Errorf("provenance format %q is not supported (want %s)", rows[0][1], provenanceFormat)
	}
	p := &result.Provenance{}
	get := func(r []string, i int) string {
		if i < len(r) {
			return r[i]
		}
		return ""
	}
	var errs []error
	bad := func(n int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s!A%d: %s", ProvenanceSheet, n, fmt.Sprintf(format, args...)))
	}
	// The columns of the input records, by their header (the record row
	// above them); the ones every report has had, without one.
	inCols := map[string]int{"path": 2, "sha256": 3, "sheet": 4, "instansi": 5, "region": 6}
	for n, r := range rows[1:] {
		n += 2
		switch get(r, 0) {
		case "key":
			v := get(r, 2)
			switch get(r, 1) {
			case "spbe_version":
				p.Version = v
			case "rubric_id":
				p.Rubric.ID = v
			case "rubric_name":
				p.Rubric.Name = v
			case "rubric_source":
				p.Rubric.Source = v
			case "rubric_sha256":
				p.Rubric.SHA256 = v
			case "rubric_differs_from_embedded":
				p.Rubric.DiffersFromEmbedded = v
			case "rubric_embedded_sha256":
				p.Rubric.EmbeddedSHA256 = v
			case "rounding":
				p.Rounding = v
			case "precision":
				if p.Precision, err = strconv.Atoi(v); err != nil {
					bad(n, "precision %q is not a number", v)
				}
			case "lang":
				p.Lang = v
			case "id_col":
				p.IDCol = v
			case "level_col":
				p.LevelCol = v
			case "time":
				if p.Time, err = time.Parse(time.RFC3339, v); err != nil {
					bad(n, "time %q: %v", v, err)
				}
			}
		case "record":
			if get(r, 1) == "input" && get(r, 2) == "path" {
				inCols = map[string]int{}
				for i, h := range r {
					inCols[h] = i
				}
			}
		case "input":
			if k, err := strconv.Atoi(get(r, 1)); err != nil || k != len(p.Inputs)+1 {
				bad(n, "input %q out of order", get(r, 1))
				continue
			}
			col := func(name string) string {
				if i, ok := inCols[name]; ok {
					return get(r, i)
				}
				return ""
			}
			in := result.ProvenanceInput{Path: col("path"), SHA256: col("sha256"), Sheet: col("sheet"), Instansi: col("instansi"), Region: col("region")}
			if v := col("row"); v != "" {
				if in.Row, err = strconv.Atoi(v); err != nil || in.Row < 1 {
					bad(n, "row %q is not a row number", v)
					continue
				}
			}
			p.Inputs = append(p.Inputs, in)
		case "level":
			k, err := strconv.Atoi(get(r, 1))
			if err != nil || k < 1 || k > len(p.Inputs) {
				bad(n, "level of unknown input %q", get(r, 1))
				continue
			}
			l, err := rubric.ParseLevel(get(r, 4))
			if err != nil {
				bad(n, "indicator %s: level: %v", get(r, 2), err)
				continue
			}
			p.Inputs[k-1].Levels = append(p.Inputs[k-1].Levels, result.CellLevel{ID: get(r, 2), Cell: get(r, 3), Level: l})
		case "butir_list", "butir":
			if err := readButirProvenance(p, r); err != nil {
				bad(n, "%v", err)
			}
		}
	}
	if p.Rubric.ID == "" {
		errs = append(errs, errors.New("no rubric_id recorded"))
	}
	if len(p.Inputs) == 0 {
		errs = append(errs, errors.New("no input recorded"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("provenance: %w", err)
	}
	return p, nil
}
