package validate_test

import (
	"testing"

	"github.com/fourxx/fourxx/middleware/validate"
)

type Rules struct {
	Required string         `json:"required" validate:"required"`
	MinStr   string         `json:"min_str" validate:"min=3"`
	MaxStr   string         `json:"max_str" validate:"max=2"`
	LenStr   string         `json:"len_str" validate:"len=4"`
	MinNum   int            `json:"min_num" validate:"min=10"`
	MaxNum   float64        `json:"max_num" validate:"max=1.5"`
	Gte      int            `json:"gte" validate:"gte=5"`
	Lte      int            `json:"lte" validate:"lte=5"`
	Gt       int            `json:"gt" validate:"gt=5"`
	Lt       int            `json:"lt" validate:"lt=5"`
	GtStr    string         `json:"gt_str" validate:"gt=3"`
	MinList  []int          `json:"min_list" validate:"min=2"`
	MaxMap   map[string]int `json:"max_map" validate:"max=1"`
	Eq       string         `json:"eq" validate:"eq=yes"`
	Ne       int            `json:"ne" validate:"ne=0"`
	OneOf    string         `json:"oneof" validate:"oneof=red green 'light blue'"`
	Email    string         `json:"email" validate:"email"`
	URL      string         `json:"url" validate:"url"`
	URI      string         `json:"uri" validate:"uri"`
	UUID     string         `json:"uuid" validate:"uuid"`
	Datetime string         `json:"datetime" validate:"datetime=2006-01-02"`
	Alphanum string         `json:"alphanum" validate:"alphanum"`
	Alpha    string         `json:"alpha" validate:"alpha"`
	Numeric  string         `json:"numeric" validate:"numeric"`
	Unique   []string       `json:"unique" validate:"unique"`
	UniqueBy []Item         `json:"unique_by" validate:"unique=Name"`
	Boolean  string         `json:"boolean" validate:"boolean"`
	Contains string         `json:"contains" validate:"contains=@"`
	Starts   string         `json:"starts" validate:"startswith=ab"`
	Ends     string         `json:"ends" validate:"endswith=yz"`
	IP       string         `json:"ip" validate:"ip"`
	Hostname string         `json:"hostname" validate:"hostname"`
	E164     string         `json:"e164" validate:"e164"`
	Country  string         `json:"country" validate:"iso3166_1_alpha2"`
	Password string         `json:"password"`
	Confirm  string         `json:"confirm" validate:"eqfield=Password"`
	Dive     []string       `json:"dive" validate:"dive,max=1"`
	Custom   string         `json:"custom" validate:"is-even"`
	Unusual  string         `json:"unusual" validate:"btc_addr"`
}

func TestMessages(t *testing.T) {
	v := validate.New(validate.Options{})
	if err := v.Engine().RegisterValidation("is-even", func(validatorFieldLevel) bool { return false }); err != nil {
		t.Fatal(err)
	}
	body := `{"required":"","min_str":"ab","max_str":"abc","len_str":"abc","min_num":3,"max_num":2,"gte":1,"lte":9,"gt":5,"lt":5,
	"gt_str":"abc","min_list":[1],"max_map":{"a":1,"b":2},"eq":"no","ne":0,"oneof":"pink","email":"x","url":"x","uri":"x",
	"uuid":"x","datetime":"2024-13-01","alphanum":"a-b","alpha":"a1","numeric":"x","unique":["a","a"],
	"unique_by":[{"name":"a","quantity":1},{"name":"a","quantity":1}],"boolean":"maybe","contains":"x","starts":"x","ends":"x",
	"ip":"x","hostname":"-x-","e164":"123","country":"XX","password":"a","confirm":"b","dive":["ab"],"custom":"x","unusual":"x"}`
	p := decodeDirect[Rules](t, v, body)
	got := map[string]string{}
	for _, fe := range p.Errors {
		got[fe.Pointer] = fe.Detail
	}
	for ptr, want := range map[string]string{
		"#/required":  "is required",
		"#/min_str":   "must be at least 3 characters long",
		"#/max_str":   "must be at most 2 characters long",
		"#/len_str":   "must be exactly 4 characters long",
		"#/min_num":   "must be at least 10",
		"#/max_num":   "must be at most 1.5",
		"#/gte":       "must be at least 5",
		"#/lte":       "must be at most 5",
		"#/gt":        "must be greater than 5",
		"#/lt":        "must be less than 5",
		"#/gt_str":    "must be longer than 3 characters",
		"#/min_list":  "must contain at least 2 items",
		"#/max_map":   "must contain at most 1 item",
		"#/eq":        `must be equal to "yes"`,
		"#/ne":        "must not be equal to 0",
		"#/oneof":     "must be one of: red, green, light blue",
		"#/email":     "must be a valid email address",
		"#/url":       "must be a valid URL",
		"#/uri":       "must be a valid URI",
		"#/uuid":      "must be a valid UUID",
		"#/datetime":  "must be a date/time in the layout 2006-01-02",
		"#/alphanum":  "must contain only letters and digits",
		"#/alpha":     "must contain only letters",
		"#/numeric":   "must be a numeric value",
		"#/unique":    "must not contain duplicate items",
		"#/unique_by": "must not contain two items with the same name",
		"#/boolean":   "must be true or false",
		"#/contains":  `must contain "@"`,
		"#/starts":    `must start with "ab"`,
		"#/ends":      `must end with "yz"`,
		"#/ip":        "must be a valid IP address",
		"#/hostname":  "must be a valid hostname",
		"#/e164":      "must be a phone number in E.164 format, such as +14155552671",
		"#/country":   "must be a two-letter ISO 3166-1 country code",
		"#/confirm":   "must be equal to password",
		"#/dive/0":    "must be at most 1 character long",
		"#/custom":    "does not satisfy the rule is-even",
		"#/unusual":   "does not satisfy the rule btc_addr",
	} {
		if got[ptr] != want {
			t.Errorf("%s: detail %q, want %q", ptr, got[ptr], want)
		}
	}
}
