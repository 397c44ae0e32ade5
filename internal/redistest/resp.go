package redistest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// commandTimeout bounds one command sent by do: dialing, writing the
// command and reading its reply.
const commandTimeout = time.Second

// do sends one command to the server at addr over a connection of its own
// and returns the reply: a string for a simple or bulk string, an int64 for
// an integer, a []any for an array, nil for a null reply. An error reply
// is returned as an error quoting the server's message.
func do(addr string, args ...string) (any, error) {
	c, err := net.DialTimeout("tcp", addr, commandTimeout)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if err := c.SetDeadline(time.Now().Add(commandTimeout)); err != nil {
		return nil, err
	}
	req := fmt.Appendf(nil, "*%d\r\n", len(args))
	for _, a := range args {
		req = fmt.Appendf(req, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := c.Write(req); err != nil {
		return nil, err
	}
	reply, err := readReply(bufio.NewReader(c))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", strings.Join(args, " "), err)
	}
	return reply, nil
}

// doString sends one command whose reply is a simple or bulk string and
// returns that string.
func doString(addr string, args ...string) (string, error) {
	reply, err := do(addr, args...)
	if err != nil {
		return "", err
	}
	s, ok := reply.(string)
	if !ok {
		return "", fmt.Errorf("%s: reply %v is not a string", strings.Join(args, " "), reply)
	}
	return s, nil
}

// readReply reads one RESP2 reply.
func readReply(r *bufio.Reader) (any, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return nil, errors.New("empty reply line")
	}
	rest := line[1:]
	switch line[0] {
	case '+':
		return rest, nil
	case '-':
		return nil, errors.New(rest)
	case ':':
		return strconv.ParseInt(rest, 10, 64)
	case '$':
		n, err := strconv.Atoi(rest)
		if err != nil || n < 0 {
			return nil, err // $-1 is the null bulk string
		}
		buf := make([]byte, n+2) // the string and its CRLF
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		return string(buf[:n]), nil
	case '*':
		n, err := strconv.Atoi(rest)
		if err != nil || n < 0 {
			return nil, err // *-1 is the null array
		}
		elems := make([]any, n)
		for i := range elems {
			if elems[i], err = readReply(r); err != nil {
				return nil, err
			}
		}
		return elems, nil
	}
	return nil, fmt.Errorf("malformed reply %q", line)
}

// doOK sends one command whose reply is OK.
func doOK(addr string, args ...string) error {
	reply, err := doString(addr, args...)
	if err == nil && reply != "OK" {
		err = fmt.Errorf("%s answered %q", strings.Join(args, " "), reply)
	}
	return err
}
