module github.com/tempo-music/session-token-lib

go 1.26.0

require github.com/golang-jwt/jwt/v5 v5.2.1
