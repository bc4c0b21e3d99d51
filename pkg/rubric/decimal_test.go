package rubric

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in      string
		want    Decimal
		wantErr string // substring of the error; "" means no error
	}{
		{in: "0", want: 0},
		{in: "3", want: NewDecimal(3)},
		{in: "1.30", want: 1_300_000},
		{in: "1,30", want: 1_300_000},
		{in: "3,3", want: 3_300_000},
		{in: "2.635", want: 2_635_000},
		{in: "-0.5", want: -500_000},
		{in: "+4", want: NewDecimal(4)},
		{in: " 2.5 ", want: 2_500_000},
		{in: ".5", want: 500_000},
		{in: "5.", want: NewDecimal(5)},
		{in: "007", want: NewDecimal(7)},
		{in: "-0", want: 0},
		{in: "0.000001", want: 1},
		{in: "1.0000000", want: NewDecimal(1)}, // trailing zeros do not count
		{in: "1000000", want: NewDecimal(1_000_000)},
		{in: "-1000000", want: NewDecimal(-1_000_000)},
		{in: "1.0000001", wantErr: `"1.0000001": more than 6 decimal places`},
		{in: "1000000.000001", wantErr: `"1000000.000001": too large`},
		{in: "10000000", wantErr: `"10000000": too large`},
		{in: "99999999999999999999", wantErr: "too large"},
		{in: "", wantErr: `"": not a decimal number`},
		{in: "abc", wantErr: `"abc": not a decimal number`},
		{in: ".", wantErr: "not a decimal number"},
		{in: "-", wantErr: "not a decimal number"},
		{in: "--1", wantErr: "not a decimal number"},
		{in: "1.2.3", wantErr: "not a decimal number"},
		{in: "1,2,3", wantErr: "not a decimal number"},
		{in: "1,2.3", wantErr: "not a decimal number"},
		{in: "1e3", wantErr: "not a decimal number"},
		{in: "0x10", wantErr: "not a decimal number"},
		{in: "1 000", wantErr: "not a decimal number"},
		{in: "- 1", wantErr: "not a decimal number"},
		{in: "NaN", wantErr: "not a decimal number"},
		{in: "½", wantErr: "not a decimal number"},
	}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("ParseDecimal(%q): unexpected error %v", tt.in, err)
		case tt.wantErr != "" && err == nil:
			t.Errorf("ParseDecimal(%q) = %v, want an error containing %q", tt.in, got, tt.wantErr)
		case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("ParseDecimal(%q): got error %q, want it to contain %q", tt.in, err, tt.wantErr)
		case tt.wantErr == "" && got != tt.want:
			t.Errorf("ParseDecimal(%q) = %d units, want %d", tt.in, got.Units(), tt.want.Units())
		}
	}
}

func TestDecimalFormat(t *testing.T) {
	tests := []struct {
		d      Decimal
		places int
		fixed  string
		str    string
	}{
		{d: 2_635_000, places: 2, fixed: "2.64", str: "2.635"}, // half-up, where a float64 gives 2.63
		{d: 2_625_000, places: 2, fixed: "2.63", str: "2.625"},
		{d: 2_634_999, places: 2, fixed: "2.63", str: "2.634999"},
		{d: 1_300_000, places: 2, fixed: "1.30", str: "1.3"},
		{d: NewDecimal(3), places: 2, fixed: "3.00", str: "3"},
		{d: NewDecimal(3), places: 0, fixed: "3", str: "3"},
		{d: 4_500_000, places: 0, fixed: "5", str: "4.5"},
		{d: 4_499_999, places: 0, fixed: "4", str: "4.499999"},
		{d: 9_995_000, places: 2, fixed: "10.00", str: "9.995"},
		{d: 1, places: 6, fixed: "0.000001", str: "0.000001"},
		{d: 1, places: 2, fixed: "0.00", str: "0.000001"},
		{d: 5_000, places: 2, fixed: "0.01", str: "0.005"},
		{d: 0, places: 2, fixed: "0.00", str: "0"},
		{d: -500_000, places: 2, fixed: "-0.50", str: "-0.5"},
		{d: -500_000, places: 0, fixed: "-1", str: "-0.5"},   // half away from zero
		{d: -4_000, places: 2, fixed: "0.00", str: "-0.004"}, // no "-0.00"
		{d: -2_635_000, places: 2, fixed: "-2.64", str: "-2.635"},
		{d: 1_234_567, places: -1, fixed: "1", str: "1.234567"},       // places clamped to 0
		{d: 1_234_567, places: 9, fixed: "1.234567", str: "1.234567"}, // and to 6
		{d: math.MaxInt64, places: 0, fixed: "9223372036855", str: "9223372036854.775807"},
		{d: math.MinInt64, places: 2, fixed: "-9223372036854.78", str: "-9223372036854.775808"},
	}
	for _, tt := range tests {
		if got := tt.d.Fixed(tt.places); got != tt.fixed {
			t.Errorf("Decimal(%d).Fixed(%d) = %q, want %q", tt.d.Units(), tt.places, got, tt.fixed)
		}
		if got := tt.d.String(); got != tt.str {
			t.Errorf("Decimal(%d).String() = %q, want %q", tt.d.Units(), got, tt.str)
		}
	}
}

func TestDecimalAccessors(t *testing.T) {
	d, err := ParseDecimal("-2.75")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Units(), int64(-2_750_000); got != want {
		t.Errorf("Units() = %d, want %d", got, want)
	}
	if got, want := d.Int(), int64(-2); got != want {
		t.Errorf("Int() = %d, want %d", got, want)
	}
	if d.IsInteger() {
		t.Errorf("IsInteger() = true, want false")
	}
	if !NewDecimal(-4).IsInteger() {
		t.Errorf("NewDecimal(-4).IsInteger() = false, want true")
	}
	if got, want := d.Float64(), -2.75; got != want {
		t.Errorf("Float64() = %v, want %v", got, want)
	}
}

func TestDecimalJSON(t *testing.T) {
	tests := []struct {
		d    Decimal
		json string
	}{
		{d: 1_300_000, json: "1.3"},
		{d: NewDecimal(100), json: "100"},
		{d: -500_000, json: "-0.5"},
		{d: 0, json: "0"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.d)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tt.json {
			t.Errorf("json.Marshal(%d units) = %s, want %s", tt.d.Units(), b, tt.json)
		}
		var back Decimal
		if err := json.Unmarshal(b, &back); err != nil || back != tt.d {
			t.Errorf("json.Unmarshal(%s) = %d units, %v; want %d units", b, back.Units(), err, tt.d.Units())
		}
	}
	for _, in := range []string{`"1.3"`, `1e3`, `true`, `1.0000001`} {
		var d Decimal
		if err := json.Unmarshal([]byte(in), &d); err == nil {
			t.Errorf("json.Unmarshal(%s) = %v, want an error", in, d)
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "1,30", "2.635", "-0.5", "+4", ".5", "5.", "1.0000001", "1000000", "1000000.000001", "abc", "", "--1", "1,2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDecimal(s)
		if err != nil {
			return
		}
		str := d.String()
		back, err := ParseDecimal(str)
		if err != nil {
			t.Fatalf("ParseDecimal(%q) = %s, which does not parse again: %v", s, str, err)
		}
		if back != d {
			t.Fatalf("ParseDecimal(%q) = %d units; its String %q parses to %d units", s, d.Units(), str, back.Units())
		}
		if d > maxDecimal || d < -maxDecimal {
			t.Fatalf("ParseDecimal(%q) = %s, beyond the limit", s, str)
		}
		for places := 0; places <= DecimalPlaces; places++ {
			if _, err := ParseDecimal(d.Fixed(places)); err != nil {
				t.Fatalf("Fixed(%d) of %s = %q does not parse: %v", places, str, d.Fixed(places), err)
			}
		}
	})
}
