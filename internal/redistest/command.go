package redistest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// commandTimeout bounds one command sent by do: dialing, writing the
// command and reading its reply.
const commandTimeout = time.Second

// do sends one command to the server at addr over a connection of its own
// (go-redis, RESP2, no retries) and returns the reply: a string for a
// simple or bulk string, an int64 for an integer, a []any for an array,
// nil for a null reply. An error reply is returned as an error quoting the
// server's message.
func do(addr string, args ...string) (any, error) {
	client := redis.NewClient(&redis.Options{
		Addr:            addr,
		Protocol:        2,
		DisableIdentity: true,
		MaxRetries:      -1,
		PoolSize:        1,
		DialTimeout:     commandTimeout,
		ReadTimeout:     commandTimeout,
		WriteTimeout:    commandTimeout,
	})
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := make([]any, len(args))
	for i, a := range args {
		cmd[i] = a
	}
	reply, err := client.Do(ctx, cmd...).Result()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
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

// doOK sends one command whose reply is OK.
func doOK(addr string, args ...string) error {
	reply, err := doString(addr, args...)
	if err == nil && reply != "OK" {
		err = fmt.Errorf("%s answered %q", strings.Join(args, " "), reply)
	}
	return err
}
