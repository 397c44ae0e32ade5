package openapi_test

import (
	"encoding/json"
	"fmt"

	"github.com/fourxx/fourxx/errorsx"
	"github.com/fourxx/fourxx/errorsx/catalog"
	"github.com/fourxx/fourxx/errorsx/openapi"
)

// Document generates the components a team merges into its specification:
// here the response of its own 409 type and the headers of the standard
// 429.
func ExampleDocument() {
	rd := errorsx.NewRenderer(errorsx.Options{
		TypeBase: "https://api.example.com/problems/",
		Catalog: catalog.New(catalog.Entry{
			Slug: "order-locked", Status: 409, Title: "Order locked", Summary: "Someone else is editing the order.",
			Members: []catalog.Member{{Name: "holder", Type: "string", Required: true, Description: "Who holds the lock."}},
		}),
	})
	var doc struct {
		OpenAPI    string
		Components struct {
			Schemas   map[string]json.RawMessage
			Responses map[string]struct {
				Description string
				Headers     map[string]struct {
					Ref string `json:"$ref"`
				}
				Content map[string]struct {
					Schema struct {
						Ref string `json:"$ref"`
					}
				}
			}
		}
	}
	if err := json.Unmarshal(openapi.Document(rd, openapi.Options{}), &doc); err != nil {
		panic(err)
	}
	locked := doc.Components.Responses["order-locked"]
	fmt.Println(doc.OpenAPI)
	fmt.Println(locked.Description)
	fmt.Println(locked.Content["application/problem+json"].Schema.Ref)
	for _, name := range []string{"Retry-After", "RateLimit", "RateLimit-Policy"} {
		fmt.Println(name, doc.Components.Responses["too-many-requests"].Headers[name].Ref)
	}
	// Output:
	// 3.1.0
	// 409 Order locked: Someone else is editing the order.
	// #/components/schemas/order-locked
	// Retry-After #/components/headers/Retry-After-required
	// RateLimit #/components/headers/RateLimit
	// RateLimit-Policy #/components/headers/RateLimit-Policy
}
