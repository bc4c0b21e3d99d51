package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/trend"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// The export of the national monitoring application, as JSON. Its shape
// is known second-hand (from users who have the export, not from a
// published specification), so it is read strictly and any other shape is
// refused, naming the file and the record:
//
//	[
//	  {"kode": "6200", "tahun": 2025, "nama_instansi": "Provinsi Kalimantan Tengah",
//	   "kategori": "Provinsi", "daerah": "Kalimantan",
//	   "nilai": {"indeks": 3.405, "D2001": 3.50, "D2002": 2.70, "D2003": 2.73, "D2004": 4.01}}
//	]
//
// A top-level array of records; every record has exactly the keys kode,
// tahun, nama_instansi, kategori, daerah and nilai; nilai has indeks and
// the domain values D2001 to D2004 of PermenPANRB 59/2020, each a number,
// a string holding one, or null. indeks is kept to its last digit (the
// JSON number is decoded as text, never as a float); a null indeks is
// computed from the four domains.
var (
	monitoringKeys  = []string{"kode", "tahun", "nama_instansi", "kategori", "daerah", "nilai"}
	monitoringNilai = []string{"indeks", "D2001", "D2002", "D2003", "D2004"}
)

// MonitoringKeys are the keys of a record of the export and of its nilai,
// for the documentation.
func MonitoringKeys() (record, nilai []string) { return monitoringKeys, monitoringNilai }

// maxJSONSize bounds the export read.
const maxJSONSize = 256 << 20

// IsJSON reports whether a file's first non-blank byte opens JSON ([ or
// {); a workbook or a CSV file never starts so.
func IsJSON(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	br := bufio.NewReader(f)
	for {
		b, err := br.ReadByte()
		if err != nil {
			return false
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		case 0xEF: // a UTF-8 byte order mark
			br.ReadByte()
			br.ReadByte()
			continue
		}
		return b == '[' || b == '{'
	}
}

// ReadMonitoring reads the export of the national monitoring application
// (see the shape above) as observations, one per record.
func ReadMonitoring(path string) (*Published, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxJSONSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxJSONSize {
		return nil, msg.Errorf("%s: larger than %d MiB", path, maxJSONSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var recs []json.RawMessage
	if err := json.Unmarshal(data, &recs); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return nil, msg.Errorf("%s: not the export of the monitoring application: it is an array of records, this is a JSON %s", path, ute.Value)
		}
		return nil, msg.Errorf("%s: not JSON: %w", path, err)
	}
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		return nil, err
	}
	p := &Published{Path: path}
	for i, raw := range recs {
		ob, err := monitoringRecord(path, i+1, raw, r)
		if err != nil {
			return nil, err
		}
		p.Obs = append(p.Obs, *ob)
		if !slices.Contains(r.Years, ob.Year) {
			p.Notes = append(p.Notes, fmt.Sprintf("%s: warning: tahun %d is not a year of %s (%d-%d), whose domains D2001..D2004 are; read under it",
				ob.Source, ob.Year, r.ID, r.Years[0], r.Years[len(r.Years)-1]))
		}
	}
	if len(p.Obs) == 0 {
		return nil, msg.Errorf("%s: no records", path)
	}
	return p, nil
}

// decodeStrict decodes one JSON object into a map of its fields, numbers
// as json.Number.
func decodeObject(raw json.RawMessage) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("null")
	}
	return m, nil
}

func checkKeys(m map[string]any, want []string) error {
	var missing, unknown []string
	for _, k := range want {
		if _, ok := m[k]; !ok {
			missing = append(missing, k)
		}
	}
	for k := range m {
		if !slices.Contains(want, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	var msg []string
	if len(missing) > 0 {
		msg = append(msg, "no "+strings.Join(missing, ", "))
	}
	if len(unknown) > 0 {
		msg = append(msg, "unknown "+strings.Join(unknown, ", "))
	}
	if msg != nil {
		return fmt.Errorf("%s (the keys are %s)", strings.Join(msg, "; "), strings.Join(want, ", "))
	}
	return nil
}

// number reads a JSON number, a string holding one, or null (nil).
func number(v any) (*index.Value, error) {
	var s string
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.Number:
		s = x.String()
	case string:
		if strings.TrimSpace(x) == "" {
			return nil, nil
		}
		s = x
	default:
		return nil, msg.Errorf("%v is not a number", v)
	}
	val, err := ParseExact(s)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", s, err)
	}
	return &val, nil
}

func monitoringRecord(path string, n int, raw json.RawMessage, r *rubric.Rubric) (*trend.Observation, error) {
	where := fmt.Sprintf("%s: record %d", path, n)
	m, err := decodeObject(raw)
	if err != nil {
		// Say what the record is in JSON's words, not in Go's.
		what := "null"
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			what = "a JSON " + ute.Value
		}
		return nil, msg.Errorf("%s: not a record of the export of the monitoring application: %s, where a record is an object with the keys %s", where, what, strings.Join(monitoringKeys, ", "))
	}
	if k, ok := m["kode"]; ok {
		where += fmt.Sprintf(" (kode %v)", k)
	}
	if err := checkKeys(m, monitoringKeys); err != nil {
		return nil, msg.Errorf("%s: not a record of the export of the monitoring application: %w", where, err)
	}
	name, ok := m["nama_instansi"].(string)
	if !ok || strings.TrimSpace(name) == "" {
		return nil, msg.Errorf("%s: nama_instansi %v is not a name", where, m["nama_instansi"])
	}
	var year int
	switch y := m["tahun"].(type) {
	case json.Number:
		year, err = strconv.Atoi(y.String())
	case string:
		year, err = strconv.Atoi(strings.TrimSpace(y))
	default:
		err = msg.Errorf("not a number")
	}
	if err != nil || year < 1990 || year > 2099 {
		return nil, msg.Errorf("%s: tahun %v is not a year", where, m["tahun"])
	}
	nilai, ok := m["nilai"].(map[string]any)
	if !ok {
		return nil, msg.Errorf("%s: nilai is not an object of indeks and D2001 to D2004", where)
	}
	if err := checkKeys(nilai, monitoringNilai); err != nil {
		return nil, msg.Errorf("%s: nilai: %w", where, err)
	}
	ob := &trend.Observation{Instansi: name, Key: TrendKey(name), Year: year, Rubric: r, Source: where, YearFrom: where + ": tahun"}
	if ob.Index, err = number(nilai["indeks"]); err != nil {
		return nil, msg.Errorf("%s: nilai.indeks: %w", where, err)
	}
	parts := make([]*index.Value, 4)
	some := false
	for i, k := range monitoringNilai[1:] {
		if parts[i], err = number(nilai[k]); err != nil {
			return nil, msg.Errorf("%s: nilai.%s: %w", where, k, err)
		}
		some = some || parts[i] != nil
	}
	if some {
		ob.Parts = parts
	}
	if ob.Index == nil && !some {
		return nil, msg.Errorf("%s: nilai has neither indeks nor the domains D2001 to D2004", where)
	}
	if k, _ := m["kategori"].(string); k != "" {
		ob.Group = workbook.Category(k)
	} else {
		ob.Group = Kind(name)
	}
	return ob, nil
}
