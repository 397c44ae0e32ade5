package validate_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/internal/jsonpointer"
	"github.com/fourxx/fourxx/middleware/validate"
)

// pointerDoc fails in every kind of location: embedded struct, nested
// struct, slice elements, map values with "/", "~" and "." in their keys,
// renamed fields, a field whose name needs escaping, a missing member.
const pointerDoc = `{
  "id": "not-a-uuid",
  "email": "ann@",
  "profile": {"color": "pink", "bio": "a biography that is far too long"},
  "items": [
    {"name": "ok", "quantity": 1},
    {"name": "", "quantity": 0},
    {"name": "x", "quantity": "ten"}
  ],
  "tags": ["fine", "also fine", "n0t-ok"],
  "labels": {"a/b": "short", "m~n.o": "much longer than ten"},
  "a/b~c": "four",
  "extra": {"nested": true},
  "profile2": null
}`

// TestEveryPointerResolves is the done-when test of the issue: the 422 body
// has the RFC 9457 §3 shape, and each pointer, resolved against the request
// document, finds the offending value (or, for a missing member, the object
// that lacks it).
func TestEveryPointerResolves(t *testing.T) {
	p := decodeDirect[Order](t, nil, pointerDoc)
	if p == nil || p.Status != 422 {
		t.Fatalf("got %v, want 422", p)
	}
	want := []struct{ pointer, code, value string }{
		{"#/id", "uuid", `"not-a-uuid"`},
		{"#/email", "email", `"ann@"`},
		{"#/profile/color", "oneof", `"pink"`},
		{"#/profile/bio", "max", `"a biography that is far too long"`},
		{"#/items/1/name", "required", `""`},
		{"#/items/1/quantity", "gte", `0`},
		{"#/items/2/quantity", "type", `"ten"`},
		{"#/tags/1", "alphanum", `"also fine"`},
		{"#/tags/2", "alphanum", `"n0t-ok"`},
		{"#/labels/m~0n.o", "max", `"much longer than ten"`},
		{"#/a~1b~0c", "len", `"four"`},
		{"#/extra", "unknown", ``},
		{"#/profile2", "unknown", ``},
	}
	var got []string
	for _, fe := range p.Errors {
		got = append(got, fe.Pointer+" "+fe.Code)
	}
	var wanted []string
	for _, w := range want {
		wanted = append(wanted, w.pointer+" "+w.code)
	}
	if !slices.Equal(got, wanted) {
		t.Fatalf("errors, in order:\n got %q\nwant %q", got, wanted)
	}
	for i, fe := range p.Errors {
		if fe.Detail == "" {
			t.Errorf("%s: empty detail", fe.Pointer)
		}
		v, err := jsonpointer.Resolve([]byte(pointerDoc), fe.Pointer)
		if err != nil {
			t.Errorf("%s does not resolve: %v", fe.Pointer, err)
			continue
		}
		if want[i].value != "" && string(v) != want[i].value {
			t.Errorf("%s resolves to %s, want %s", fe.Pointer, v, want[i].value)
		}
	}
}

func TestMissingMemberPointsIntoItsParent(t *testing.T) {
	doc := `{"email":"a@b.co","items":[{"quantity":3}]}`
	p := decodeDirect[Order](t, nil, doc)
	if p == nil {
		t.Fatal("no problem")
	}
	got := map[string]string{}
	for _, fe := range p.Errors {
		got[fe.Pointer] = fe.Code
		tokens, _ := jsonpointer.Parse(fe.Pointer)
		parent := jsonpointer.Join(tokens[:len(tokens)-1]...)
		v, err := jsonpointer.Resolve([]byte(doc), parent)
		if err != nil {
			t.Errorf("%s: parent %s does not resolve: %v", fe.Pointer, parent, err)
			continue
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(v, &obj) != nil {
			t.Errorf("%s: parent is not an object: %s", fe.Pointer, v)
		} else if _, present := obj[tokens[len(tokens)-1]]; present {
			t.Errorf("%s: member is present, but the error says it is missing", fe.Pointer)
		}
	}
	if got["#/profile"] != "required" || got["#/items/0/name"] != "required" {
		t.Errorf("errors = %v, want #/profile and #/items/0/name required", got)
	}
	if p.Errors[0].Pointer != "#/items/0/name" {
		t.Errorf("first error %s; a member missing from items/0 comes before one missing from the root", p.Errors[0].Pointer)
	}
}

// A key matched case-insensitively (encoding/json's rule) is reported with
// the spelling of the document, so the pointer still resolves.
func TestPointerUsesDocumentSpelling(t *testing.T) {
	doc := `{"EMAIL":"nope","profile":{"Color":"pink"},"items":[{"name":"x","Quantity":"ten"}]}`
	p := decodeDirect[Order](t, nil, doc)
	for _, fe := range p.Errors {
		if _, err := jsonpointer.Resolve([]byte(doc), fe.Pointer); err != nil {
			t.Errorf("%s (%s) does not resolve: %v", fe.Pointer, fe.Code, err)
		}
	}
	if len(p.Errors) != 3 {
		t.Errorf("errors = %+v, want 3", p.Errors)
	}
}

func TestRFC9457Shape(t *testing.T) {
	p := decodeDirect[Order](t, nil, pointerDoc)
	w := renderJSON(t, p)
	var doc map[string]any
	if err := json.Unmarshal(w, &doc); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"type", "title", "status", "detail", "errors"} {
		if _, ok := doc[m]; !ok {
			t.Errorf("member %q missing from %s", m, w)
		}
	}
	for _, e := range doc["errors"].([]any) {
		entry := e.(map[string]any)
		if _, ok := entry["value"]; ok {
			t.Errorf("value echoed without EchoValues: %v", entry)
		}
		if !strings.HasPrefix(entry["pointer"].(string), "#") || entry["detail"] == "" || entry["code"] == "" {
			t.Errorf("entry %v lacks detail, pointer or code", entry)
		}
	}
}

func renderJSON(t *testing.T, err error) []byte {
	t.Helper()
	var p *errorsx.Problem
	if !errors.As(err, &p) {
		t.Fatalf("%v is not a problem", err)
	}
	w := newRecorder()
	strict.Write(w, newJSONRequest(""), p)
	return w.Body.Bytes()
}

func TestEchoValues(t *testing.T) {
	v := validate.New(validate.Options{EchoValues: true})
	doc := `{"email":"ann@","password":"hunter2","profile":{"color":"pink"},"items":[{"name":"x","quantity":"ten"}],"pasword":"hunter2"}`
	p := decodeDirect[Order](t, v, doc)
	values := map[string]any{}
	for _, fe := range p.Errors {
		values[fe.Pointer] = fe.Value
	}
	if values["#/email"] != "ann@" || values["#/profile/color"] != "pink" {
		t.Errorf("values = %v, want email and color echoed", values)
	}
	if raw, _ := values["#/items/0/quantity"].(json.RawMessage); string(raw) != `"ten"` {
		t.Errorf("type error value = %v, want \"ten\"", values["#/items/0/quantity"])
	}
	if _, ok := values["#/password"]; !ok {
		t.Fatalf("no error for the short password: %v", values)
	}
	if values["#/password"] != nil || values["#/pasword"] != nil {
		t.Errorf("secret or unknown member echoed: %v", values)
	}
	if strings.Contains(string(renderJSON(t, p)), "hunter2") {
		t.Error("a secret reached the response body")
	}
}

func TestMessagesHook(t *testing.T) {
	v := validate.New(validate.Options{Messages: func(fe validatorFieldError) string {
		if fe.Tag() == "email" {
			return "doit être une adresse e-mail valide"
		}
		return ""
	}})
	p := decodeDirect[Order](t, v, `{"email":"x","profile":{"color":"pink"},"items":[{"name":"a","quantity":1}]}`)
	got := map[string]string{}
	for _, fe := range p.Errors {
		got[fe.Pointer] = fe.Detail
	}
	if got["#/email"] != "doit être une adresse e-mail valide" || got["#/profile/color"] != "must be one of: red, green, blue" {
		t.Errorf("details = %v", got)
	}
}
