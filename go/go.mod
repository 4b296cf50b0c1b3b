module github.com/agora-token-rs/agora-token/go

go 1.21
