/* The sample of bindings/c/README.md, compiled and run by scripts/test-c.sh. */
#include <stdio.h>
#include <string.h>

#include "agora_token.h"

int main(void) {
  const char *app_id = "970CA35de60c44645bbae8a215061b33", *certificate = "5CFd2fd1755d40ecb72977518be15d3b";
  char *token = NULL, *error = NULL;
  AgoraTokenStatus status = agora_token_rtc_build_token_with_uid(app_id, strlen(app_id), certificate, strlen(certificate),
                                                                 "room", 4, 42, 1, 3600, 3600, NULL, NULL, &token, &error);
  if (status != AGORA_TOKEN_STATUS_OK) {
    fprintf(stderr, "%s: %s\n", agora_token_status_code(status), error);
    agora_token_free(error);
    return 1;
  }
  puts(token);
  agora_token_free(token);
  return 0;
}
