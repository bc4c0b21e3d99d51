package xlsx

import "testing"

func TestIsDateFormat(t *testing.T) {
	tests := []struct {
		id   int
		code string
		want bool
	}{
		{0, "", false},  // General
		{1, "", false},  // 0
		{2, "", false},  // 0.00
		{14, "", true},  // m/d/yyyy
		{22, "", true},  // m/d/yy h:mm
		{49, "", false}, // @
		{164, "dd/mm/yyyy", true},
		{164, "[$-421]d mmmm yyyy;@", true},
		{164, "h:mm", true},
		{164, "0.0", false},
		{164, "#,##0", false},
		{164, "General", false},
		{164, `0 "hari"`, false},
		{164, `"Level "0`, false},
		{164, `0\d`, false},
		{164, "[Red]0.00", false},
		{164, "0.00E+00", false},
		{164, `0;"d"`, false},
		{164, `"unclosed`, false},
	}
	for _, tt := range tests {
		if got := isDateFormat(tt.id, tt.code); got != tt.want {
			t.Errorf("isDateFormat(%d, %q) = %v, want %v", tt.id, tt.code, got, tt.want)
		}
	}
}

func TestDateText(t *testing.T) {
	tests := []struct {
		v        string
		date1904 bool
		want     string
	}{
		{"45292", false, "2024-01-01"},
		{"45292.5", false, "2024-01-01 12:00:00"},
		{"43830", true, "2024-01-01"},
		{"3", false, "1900-01-03"},
		{"-1", false, "-1"},
		{"1e300", false, "1e300"},
		{"NaN", false, "NaN"},
		{"abc", false, "abc"},
	}
	for _, tt := range tests {
		if got := dateText(tt.v, tt.date1904); got != tt.want {
			t.Errorf("dateText(%q, %v) = %q, want %q", tt.v, tt.date1904, got, tt.want)
		}
	}
}
