package errorsx

import "fmt"

// A PanicError is the cause of a 500 for a recovered panic: the value given
// to panic and the stack of the goroutine that panicked. Pass it to
// [InternalServerError]; the renderer then logs the value and the stack in
// the one line it writes for the 500, and sends neither.
//
// errors.Is and errors.As see through it to Value when Value is an error.
type PanicError struct {
	// Value is what the code passed to panic.
	Value any
	// Stack is the goroutine's stack as runtime/debug.Stack formats it.
	Stack []byte
}

// Error returns "panic: " and the value, without the stack.
func (e *PanicError) Error() string { return fmt.Sprint("panic: ", e.Value) }

// Unwrap returns Value if it is an error, or nil.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
