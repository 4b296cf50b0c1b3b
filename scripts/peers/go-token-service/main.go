// STAND-IN PEER, FOR BENCHMARKS ONLY.
//
// AgoraIO-Community/agora-token-service is not published on the Go module proxy, so this
// is a minimal reproduction of its RTC route, built from the same pieces it uses:
// gin (gin.Default(): request logger + recovery), its no-cache and CORS middleware, and
// the token library it depends on, github.com/AgoraIO-Community/go-tokenbuilder v1.3.0.
// The handler follows service/http_handlers.go, service/parsing.go and service/tokens.go
// of agora-token-service (b1fa0fc), including their log lines. Only
// GET /rtc/:channelName/:role/:tokenType/:rtcuid/ (and /ping) are served.
//
// Env: APP_ID, APP_CERTIFICATE, SERVER_PORT (default 8080), CORS_ALLOW_ORIGIN (default *).
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"

	rtctokenbuilder2 "github.com/AgoraIO-Community/go-tokenbuilder/rtctokenbuilder"
	"github.com/gin-gonic/gin"
)

type service struct {
	appID, appCertificate, allowOrigin string
}

func (s *service) nocache() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("Cache-Control", "private, no-cache, no-store, must-revalidate")
		c.Header("Expires", "-1")
		c.Header("Pragma", "no-cache")
	}
}

func (s *service) isOriginAllowed(origin string) bool {
	if s.allowOrigin == "*" {
		return true
	}
	for _, allowed := range strings.Split(s.allowOrigin, ",") {
		if origin == allowed {
			return true
		}
	}
	return false
}

func (s *service) cors() gin.HandlerFunc {
	return func(c *gin.Context) {
		origin := c.Request.Header.Get("Origin")
		if !s.isOriginAllowed(origin) {
			c.JSON(http.StatusForbidden, gin.H{"error": "Origin not allowed"})
			c.Abort()
			return
		}
		c.Header("Access-Control-Allow-Origin", origin)
		c.Header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		c.Header("Access-Control-Allow-Headers", "Origin, Content-Type")
		if c.Request.Method == "OPTIONS" {
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

func (s *service) parseRtcParams(c *gin.Context) (channelName, tokenType, uidStr string, role rtctokenbuilder2.Role, expire uint32, err error) {
	channelName = c.Param("channelName")
	roleStr := c.Param("role")
	tokenType = c.Param("tokenType")
	uidStr = c.Param("rtcuid")
	if uidStr == "" {
		uidStr = "0"
	}
	if roleStr == "publisher" {
		role = rtctokenbuilder2.RolePublisher
	} else {
		role = rtctokenbuilder2.RoleSubscriber
	}
	expireTime := c.DefaultQuery("expiry", "3600")
	expireTime64, parseErr := strconv.ParseUint(expireTime, 10, 64)
	if parseErr != nil {
		err = fmt.Errorf("failed to parse expireTime: %s, causing error: %s", expireTime, parseErr)
	}
	expire = uint32(expireTime64)
	return
}

func (s *service) generateRtcToken(channelName, uidStr, tokenType string, role rtctokenbuilder2.Role, expire uint32) (string, error) {
	if tokenType == "userAccount" {
		log.Printf("Building Token for userAccount: %s\n", uidStr)
		return rtctokenbuilder2.BuildTokenWithAccount(s.appID, s.appCertificate, channelName, uidStr, role, expire)
	} else if tokenType == "uid" {
		uid64, parseErr := strconv.ParseUint(uidStr, 10, 64)
		if parseErr != nil {
			return "", fmt.Errorf("failed to parse uidStr: %s, to uint causing error: %s", uidStr, parseErr)
		}
		uid := uint32(uid64)
		log.Printf("Building Token for uid: %d\n", uid)
		return rtctokenbuilder2.BuildTokenWithUid(s.appID, s.appCertificate, channelName, uid, role, expire)
	}
	err := fmt.Errorf("failed to generate RTC token for Unknown Tokentype: %s", tokenType)
	log.Println(err)
	return "", err
}

func (s *service) getRtcToken(c *gin.Context) {
	log.Println("Generating RTC token")
	channelName, tokenType, uidStr, role, expire, err := s.parseRtcParams(c)
	if err != nil {
		c.Error(err)
		c.AbortWithStatusJSON(400, gin.H{"message": "Error Generating RTC token: " + err.Error(), "status": 400})
		return
	}
	rtcToken, tokenErr := s.generateRtcToken(channelName, uidStr, tokenType, role, expire)
	if tokenErr != nil {
		log.Println(tokenErr)
		c.Error(tokenErr)
		c.AbortWithStatusJSON(400, gin.H{"status": 400, "error": "Error Generating RTC token - " + tokenErr.Error()})
		return
	}
	log.Println("RTC Token generated")
	c.JSON(200, gin.H{"rtcToken": rtcToken})
}

func main() {
	appID, appCert := os.Getenv("APP_ID"), os.Getenv("APP_CERTIFICATE")
	if appID == "" || appCert == "" {
		log.Fatal("FATAL ERROR: ENV not properly configured, check APP_ID and APP_CERTIFICATE")
	}
	port := os.Getenv("SERVER_PORT")
	if port == "" {
		port = "8080"
	}
	origin := os.Getenv("CORS_ALLOW_ORIGIN")
	if origin == "" {
		origin = "*"
	}
	s := &service{appID: appID, appCertificate: appCert, allowOrigin: origin}
	api := gin.Default()
	api.Use(s.nocache())
	api.Use(s.cors())
	api.GET("rtc/:channelName/:role/:tokenType/:rtcuid/", s.getRtcToken)
	api.GET("/ping", func(c *gin.Context) { c.JSON(200, gin.H{"message": "pong"}) })
	log.Println("Listening to port " + port)
	if err := http.ListenAndServe("127.0.0.1:"+port, api); err != nil {
		log.Fatal(err)
	}
}
