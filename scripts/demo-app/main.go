// The demo's program: it prints what its generator wrote for the target it was built for.
package main

import "fmt"

//go:generate go run ./gen

func main() { fmt.Println(Generated) }
