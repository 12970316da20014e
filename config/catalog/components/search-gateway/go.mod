module github.com/tempo-music/search-gateway

go 1.27.0

require (
	github.com/99designs/gqlgen v0.17.55
	github.com/google/uuid v1.6.0
	github.com/tempo-music/session-token-lib v1.5.0
	github.com/vektah/gqlparser/v2 v2.5.18
)

require (
	github.com/agnivade/levenshtein v1.1.1 // indirect
	github.com/golang-jwt/jwt/v5 v5.2.1 // indirect
	github.com/gorilla/websocket v1.5.0 // indirect
	github.com/hashicorp/golang-lru/v2 v2.0.7 // indirect
	github.com/sosodev/duration v1.3.1 // indirect
)
