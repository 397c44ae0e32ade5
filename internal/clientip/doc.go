// Package clientip finds the address of the client that sent a request
// without trusting headers the client could forge.
//
// By default the client is the peer of the TCP connection (Request.RemoteAddr)
// and every forwarding header is ignored. Only when the peer is inside a
// trusted proxy network is X-Forwarded-For read, walking from the right
// (the entry the nearest proxy appended) to the first address that is not a
// trusted proxy. X-Real-IP, True-Client-IP and the leftmost X-Forwarded-For
// entry are never used: a client can set them to anything.
package clientip
