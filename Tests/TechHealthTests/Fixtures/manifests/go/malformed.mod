module example.com/broken

go 1.22

require (
	github.com/google/uuid
	github.com/spf13/cobra v1.8.1
