package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func TestMain(m *testing.M) {
	// Messages in English, as the tests expect them: a test of the
	// Indonesian ones sets SPBE_LANG="" (t.Setenv) or gives --lang id. The
	// binary run by a script keeps the script's own SPBE_LANG.
	script, inScript := os.LookupEnv(langEnv)
	os.Setenv(langEnv, "en")
	testscript.Main(m, map[string]func(){
		"spbe": func() {
			if inScript {
				os.Setenv(langEnv, script)
			} else {
				os.Unsetenv(langEnv)
			}
			os.Exit(runMain(os.Args[1:]))
		},
	})
}

// TestScript runs the real binary on the scenarios in testdata/script.
// Each scenario starts with the workbooks of writeWorkbooks in its folder.
// SPBE_UPDATE=1 rewrites the expected output in the scripts.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: os.Getenv("SPBE_UPDATE") != "",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			// Messages in English, as the scripts expect them; a script of
			// the Indonesian ones says `env SPBE_LANG=` (lang.txtar).
			env.Setenv(langEnv, "en")
			if err := writeBatchWorkbooks(env.WorkDir); err != nil {
				return err
			}
			if err := writeButirWorkbooks(env.WorkDir); err != nil {
				return err
			}
			return writeWorkbooks(env.WorkDir)
		},
	})
}

// writeWorkbooks writes the example workbooks that scenarios use.
func writeWorkbooks(dir string) error {
	r59, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		return err
	}
	r18, err := rubric.ByID("permenpanrb-5-2018")
	if err != nil {
		return err
	}
	if err := fixture.Report(filepath.Join(dir, "perekonomian.xlsx"), "Hasil Evaluasi SPBE Tahun 2021",
		"Kementerian Koordinator Bidang Perekonomian", r59, fixture.Perekonomian2021); err != nil {
		return err
	}
	return fixture.CSV(filepath.Join(dir, "kabupaten-2018.csv"), "Pemerintah Kabupaten Contoh", r18, fixture.Kabupaten2018)
}
