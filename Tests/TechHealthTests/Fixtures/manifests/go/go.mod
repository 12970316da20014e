module example.com/payments

go 1.23.0

toolchain go1.24.2

require (
	github.com/google/uuid v1.6.0
	github.com/jackc/pgx/v5 v5.7.1
	golang.org/x/text v0.21.0 // indirect
	example.com/internal/auth v0.3.0
	github.com/old/lib v1.2.0
)

require github.com/stretchr/testify v1.9.0 // test helpers

require (
	github.com/davecgh/go-spew v1.1.1 // indirect; pulled in by testify
)

replace example.com/internal/auth => ../auth

replace github.com/old/lib v1.2.0 => github.com/new/lib v1.3.1

exclude golang.org/x/text v0.20.0

retract v0.9.0 // published by mistake
