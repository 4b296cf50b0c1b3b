package accesstoken2_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// upstreamConstants reads the integer constants of accesstoken.go from its source: Go cannot
// list a package's constants at run time, and reading them keeps a constant added or renamed
// there from escaping the check.
func upstreamConstants(t *testing.T) map[string]int {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "accesstoken.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	constants := map[string]int{}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			value := spec.(*ast.ValueSpec)
			for i, name := range value.Names {
				if i >= len(value.Values) {
					t.Fatalf("%s has no literal value: read it some other way", name.Name)
				}
				literal, ok := value.Values[i].(*ast.BasicLit)
				if !ok || literal.Kind != token.INT {
					continue
				}
				number, err := strconv.Atoi(literal.Value)
				if err != nil {
					t.Fatal(err)
				}
				constants[name.Name] = number
			}
		}
	}
	return constants
}

// pascal is a core name as upstream spells it in a constant: join_channel, JoinChannel.
func pascal(name string) string {
	parts := strings.Split(name, "_")
	for i, part := range parts {
		parts[i] = strings.ToUpper(part[:1]) + part[1:]
	}
	return strings.Join(parts, "")
}

// The upstream ServiceType* and Privilege* constants are the core's tables: each service type
// constant is a core service named after it; each privilege constant is Privilege + (for
// services whose privileges upstream prefixes: Streaming, FCdn, Chat, Apaas) the service name +
// the core's privilege name, with the core's number; every core privilege has one.
func TestUpstreamConstantsAreTheCoreTables(t *testing.T) {
	tables, err := capi.PrivilegeNames()
	if err != nil {
		t.Fatal(err)
	}
	constants := upstreamConstants(t)
	if constants["ServiceTypeRtc"] != 1 || constants["PrivilegeJoinChannel"] != 1 {
		t.Fatalf("accesstoken.go constants not found: %v", constants)
	}

	serviceTypes := map[string]int{}
	for name, value := range constants {
		if strings.HasPrefix(name, "ServiceType") {
			serviceTypes[strings.ToUpper(strings.TrimPrefix(name, "ServiceType"))] = value
		}
	}
	if len(serviceTypes) != len(tables.ServiceTypes) {
		t.Errorf("%d ServiceType* constants, the core has %d service types", len(serviceTypes), len(tables.ServiceTypes))
	}
	unmatched := map[string]bool{}
	for name := range constants {
		if strings.HasPrefix(name, "Privilege") {
			unmatched[name] = true
		}
	}
	for _, service := range tables.ServiceTypes {
		if got, ok := serviceTypes[strings.ToUpper(service.Name)]; !ok || got != int(service.Type) {
			t.Errorf("ServiceType%s = %d (defined: %v), core %s is %d", service.Name, got, ok, service.Name, service.Type)
		}
		for _, privilege := range service.Privileges {
			found := false
			for name, value := range constants {
				if !strings.HasPrefix(name, "Privilege") || !strings.HasSuffix(name, pascal(privilege.Name)) {
					continue
				}
				prefix := strings.TrimSuffix(strings.TrimPrefix(name, "Privilege"), pascal(privilege.Name))
				if prefix == "" || strings.EqualFold(prefix, service.Name) {
					found = true
					delete(unmatched, name)
					if value != int(privilege.Code) {
						t.Errorf("%s = %d, core %s %s is %d", name, value, service.Name, privilege.Name, privilege.Code)
					}
				}
			}
			if !found {
				t.Errorf("no Privilege* constant for core %s %s (%d)", service.Name, privilege.Name, privilege.Code)
			}
		}
	}
	for name := range unmatched {
		t.Errorf("%s is not a privilege of the core", name)
	}
}
