package validate_test

// The request types the tests decode.

type Profile struct {
	Color string `json:"color" validate:"oneof=red green blue"`
	Bio   string `json:"bio,omitempty" validate:"max=20"`
}

type Item struct {
	Name     string `json:"name" validate:"required"`
	Quantity int    `json:"quantity" validate:"gte=1,lte=100"`
}

type Base struct {
	ID string `json:"id" validate:"omitempty,uuid"`
}

type Order struct {
	Base
	Email    string            `json:"email" validate:"required,email"`
	Password string            `json:"password" validate:"omitempty,min=8" fourxx:"secret"`
	Profile  *Profile          `json:"profile" validate:"required"`
	Items    []Item            `json:"items" validate:"required,min=1,dive"`
	Tags     []string          `json:"tags,omitempty" validate:"max=5,dive,alphanum"`
	Labels   map[string]string `json:"labels" validate:"dive,max=10"`
	Note     string            `json:"-"`
	Odd      string            `json:"a/b~c,omitempty" validate:"omitempty,len=3"`
}

// Small is the 5-field body of the benchmarks.
type Small struct {
	Name    string  `json:"name" validate:"required,min=2,max=64"`
	Email   string  `json:"email" validate:"required,email"`
	Age     int     `json:"age" validate:"gte=0,lte=150"`
	Country string  `json:"country" validate:"required,iso3166_1_alpha2"`
	Score   float64 `json:"score" validate:"gte=0,lte=1"`
}
