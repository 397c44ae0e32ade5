package validate

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"
)

// A size is what a length-like rule counts for a kind of value.
type size int

const (
	sizeNumber size = iota // the value itself
	sizeChars              // characters of a string
	sizeItems              // items of a slice, array or map
)

func sizeOf(fe validator.FieldError) size {
	switch fe.Kind() {
	case reflect.String:
		return sizeChars
	case reflect.Slice, reflect.Array, reflect.Map:
		return sizeItems
	}
	return sizeNumber
}

// bound words one comparison rule for each size.
type bound struct{ chars, items, number string }

var bounds = map[string]bound{
	"min": {"must be at least %s characters long", "must contain at least %s items", "must be at least %s"},
	"gte": {"must be at least %s characters long", "must contain at least %s items", "must be at least %s"},
	"max": {"must be at most %s characters long", "must contain at most %s items", "must be at most %s"},
	"lte": {"must be at most %s characters long", "must contain at most %s items", "must be at most %s"},
	"len": {"must be exactly %s characters long", "must contain exactly %s items", "must be exactly %s"},
	"gt":  {"must be longer than %s characters", "must contain more than %s items", "must be greater than %s"},
	"lt":  {"must be shorter than %s characters", "must contain fewer than %s items", "must be less than %s"},
	"eq":  {"must be equal to %s", "must contain exactly %s items", "must be equal to %s"},
	"ne":  {"must not be equal to %s", "must not contain exactly %s items", "must not be equal to %s"},
}

// fixed words the rules whose sentence does not depend on the value's kind;
// %s stands for the rule's parameter.
var fixed = map[string]string{
	"required": "is required", "required_if": "is required", "required_unless": "is required",
	"required_with": "is required", "required_with_all": "is required",
	"required_without": "is required", "required_without_all": "is required",
	"excluded_if": "must not be set", "excluded_unless": "must not be set", "excluded_with": "must not be set",
	"excluded_with_all": "must not be set", "excluded_without": "must not be set", "excluded_without_all": "must not be set",
	"isdefault": "must not be set",

	"email": "must be a valid email address", "url": "must be a valid URL", "http_url": "must be a valid HTTP or HTTPS URL",
	"https_url": "must be a valid HTTPS URL", "uri": "must be a valid URI", "urn_rfc2141": "must be a valid URN",
	"uuid": "must be a valid UUID", "uuid3": "must be a valid version 3 UUID", "uuid4": "must be a valid version 4 UUID",
	"uuid5": "must be a valid version 5 UUID", "uuid_rfc4122": "must be a valid UUID", "ulid": "must be a valid ULID",
	"datetime": "must be a date/time in the layout %s",
	"alpha":    "must contain only letters", "alphanum": "must contain only letters and digits",
	"alphaunicode": "must contain only letters", "alphanumunicode": "must contain only letters and digits",
	"numeric": "must be a numeric value", "number": "must contain only digits", "boolean": "must be true or false",
	"hexadecimal": "must be a hexadecimal number", "hexcolor": "must be a hexadecimal colour such as #ff8800",
	"rgb": "must be an rgb() colour", "rgba": "must be an rgba() colour", "hsl": "must be an hsl() colour",
	"lowercase": "must be in lower case", "uppercase": "must be in upper case",
	"ascii": "must contain only ASCII characters", "printascii": "must contain only printable ASCII characters",
	"multibyte": "must contain multi-byte characters",
	"unique":    "must not contain duplicate items", "dive": "has an invalid item",
	"contains": "must contain %q", "containsany": "must contain at least one of the characters %q",
	"containsrune": "must contain %q", "excludes": "must not contain %q",
	"excludesall": "must not contain any of the characters %q", "excludesrune": "must not contain %q",
	"startswith": "must start with %q", "endswith": "must end with %q",
	"startsnotwith": "must not start with %q", "endsnotwith": "must not end with %q",
	"ip": "must be a valid IP address", "ipv4": "must be a valid IPv4 address", "ipv6": "must be a valid IPv6 address",
	"ip_addr": "must be a resolvable IP address", "cidr": "must be a network in CIDR notation",
	"cidrv4": "must be an IPv4 network in CIDR notation", "cidrv6": "must be an IPv6 network in CIDR notation",
	"mac": "must be a valid MAC address", "port": "must be a valid port number",
	"hostname": "must be a valid hostname", "hostname_rfc1123": "must be a valid hostname",
	"hostname_port": "must be a hostname and port such as example.com:443", "fqdn": "must be a fully qualified domain name",
	"e164":             "must be a phone number in E.164 format, such as +14155552671",
	"iso3166_1_alpha2": "must be a two-letter ISO 3166-1 country code", "iso3166_1_alpha3": "must be a three-letter ISO 3166-1 country code",
	"iso3166_1_alpha_numeric": "must be a numeric ISO 3166-1 country code", "iso4217": "must be an ISO 4217 currency code",
	"bcp47_language_tag": "must be a BCP 47 language tag", "timezone": "must be an IANA time zone name",
	"json": "must be valid JSON", "jwt": "must be a JSON Web Token", "base64": "must be base64-encoded",
	"base64url": "must be base64url-encoded", "semver": "must be a semantic version such as 1.2.3",
	"latitude": "must be a latitude between -90 and 90", "longitude": "must be a longitude between -180 and 180",
	"cron": "must be a cron expression", "md5": "must be an MD5 hash", "sha256": "must be a SHA-256 hash",

	"eqfield": "must be equal to %s", "nefield": "must not be equal to %s",
	"gtfield": "must be greater than %s", "gtefield": "must be at least %s",
	"ltfield": "must be less than %s", "ltefield": "must be at most %s",
	"eqcsfield": "must be equal to %s", "necsfield": "must not be equal to %s",
	"fieldcontains": "must contain %s", "fieldexcludes": "must not contain %s",
}

// crossField lists the rules whose parameter names another field.
var crossField = map[string]bool{
	"eqfield": true, "nefield": true, "gtfield": true, "gtefield": true, "ltfield": true, "ltefield": true,
	"fieldcontains": true, "fieldexcludes": true,
}

// DefaultMessage returns the English sentence fourxx uses for a validator
// error, such as "must be at most 64 characters long" or "must be one of:
// red, green, blue". The sentence has no subject: the error's pointer,
// parameter or header names the field. A Messages hook can call it as a
// fallback. Rules without a sentence of their own get a readable generic
// one naming the rule.
func DefaultMessage(fe validator.FieldError) string { return message(fe, fe.Param()) }

// message words fe with its parameter given as param (cross-field rules
// pass the request's name for the other field).
func message(fe validator.FieldError, param string) string {
	tag := fe.Tag()
	if b, ok := bounds[tag]; ok {
		if tag == "gt" || tag == "lt" || tag == "gte" || tag == "lte" {
			if fe.Type() == timeType && param == "" {
				return map[string]string{"gt": "must be in the future", "gte": "must not be in the past",
					"lt": "must be in the past", "lte": "must not be in the future"}[tag]
			}
		}
		switch sizeOf(fe) {
		case sizeChars:
			if tag == "eq" || tag == "ne" {
				return strings.Replace(b.chars, "%s", strconv.Quote(param), 1)
			}
			return singular(strings.Replace(b.chars, "%s", param, 1), param, "characters")
		case sizeItems:
			return singular(strings.Replace(b.items, "%s", param, 1), param, "items")
		}
		return strings.Replace(b.number, "%s", param, 1)
	}
	if tag == "oneof" {
		return "must be one of: " + strings.Join(oneofValues(param), ", ")
	}
	if tag == "unique" && param != "" {
		return "must not contain two items with the same " + param
	}
	if s, ok := fixed[tag]; ok {
		switch {
		case strings.Contains(s, "%q"):
			return strings.Replace(s, "%q", strconv.Quote(param), 1)
		case strings.Contains(s, "%s"):
			return strings.Replace(s, "%s", param, 1)
		}
		return s
	}
	if param != "" {
		return "does not satisfy the rule " + tag + "=" + param
	}
	return "does not satisfy the rule " + tag
}

// singular turns "1 items" into "1 item".
func singular(s, count, unit string) string {
	if count != "1" {
		return s
	}
	return strings.Replace(s, unit, strings.TrimSuffix(unit, "s"), 1)
}

// oneofValues splits a oneof parameter the way the validator does: values
// separated by spaces, a value with spaces written in single quotes.
func oneofValues(param string) []string {
	var out []string
	for param != "" {
		param = strings.TrimLeft(param, " ")
		if param == "" {
			break
		}
		if param[0] == '\'' {
			if end := strings.IndexByte(param[1:], '\''); end >= 0 {
				out = append(out, param[1:1+end])
				param = param[end+2:]
				continue
			}
		}
		word, rest, _ := strings.Cut(param, " ")
		out = append(out, word)
		param = rest
	}
	return out
}
