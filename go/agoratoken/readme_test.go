package agoratoken_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-token-rs/agora-token/go/internal/testutil"
)

// The sample of go/README.md, compiled and run as a program of its own that uses this module.
func TestReadmeSample(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	moduleDir := filepath.Join(testutil.Root(), "go")
	readme, err := os.ReadFile(filepath.Join(moduleDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, afterSample, found := strings.Cut(string(readme), "## Sample\n\n```go\n")
	sample, _, closed := strings.Cut(afterSample, "```")
	if !found || !closed {
		t.Fatal("no Go block under ## Sample in go/README.md")
	}
	dir := t.TempDir()
	goMod := "module sample\n\ngo 1.21\n\nrequire github.com/agora-token-rs/agora-token/go v0.0.0\n\n" +
		"replace github.com/agora-token-rs/agora-token/go => " + moduleDir + "\n"
	sum, err := os.ReadFile(filepath.Join(moduleDir, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"go.mod": goMod, "go.sum": string(sum), "main.go": sample} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", "-mod=mod", ".")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	if token := strings.TrimSpace(string(out)); !strings.HasPrefix(token, "007eJ") {
		t.Fatalf("the sample printed %q", token)
	}
}
