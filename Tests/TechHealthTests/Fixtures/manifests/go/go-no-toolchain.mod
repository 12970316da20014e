module example.com/tiny

go 1.21

require github.com/spf13/cobra v1.8.1
