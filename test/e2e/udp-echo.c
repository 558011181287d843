/*
 * The e2e suite's UDP peer (busybox has no UDP server or `nc -u`), linked statically into a test image.
 *   udp-echo serve PORT           answers every datagram with "udp:" and the datagram
 *   udp-echo send HOST PORT TEXT  sends TEXT, prints the answer; exit 1 without one within 3 seconds
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int fail(const char *what) {
  perror(what);
  return 2;
}

static int serve(const char *port) {
  struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_DGRAM, .ai_flags = AI_PASSIVE}, *at;
  int error = getaddrinfo(NULL, port, &hints, &at);
  if (error) return fprintf(stderr, "port %s: %s\n", port, gai_strerror(error)), 2;
  int s = socket(at->ai_family, at->ai_socktype, 0);
  if (s < 0 || bind(s, at->ai_addr, at->ai_addrlen) < 0) return fail("bind");
  for (;;) {
    char in[512], out[516] = "udp:";
    struct sockaddr_storage peer;
    socklen_t length = sizeof peer;
    ssize_t n = recvfrom(s, in, sizeof in, 0, (struct sockaddr *)&peer, &length);
    if (n < 0) return fail("recvfrom");
    memcpy(out + 4, in, (size_t)n);
    sendto(s, out, (size_t)n + 4, 0, (struct sockaddr *)&peer, length);
  }
}

static int send_one(const char *host, const char *port, const char *text) {
  struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_DGRAM}, *at;
  int error = getaddrinfo(host, port, &hints, &at);
  if (error) return fprintf(stderr, "%s: %s\n", host, gai_strerror(error)), 1;
  int s = socket(at->ai_family, at->ai_socktype, 0);
  struct timeval timeout = {.tv_sec = 3};
  if (s < 0 || setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) < 0) return fail("socket");
  if (sendto(s, text, strlen(text), 0, at->ai_addr, at->ai_addrlen) < 0) return fail("sendto");
  char answer[516];
  ssize_t n = recv(s, answer, sizeof answer, 0);
  if (n < 0) return fprintf(stderr, "no answer from %s:%s: %s\n", host, port, strerror(errno)), 1;
  printf("%.*s\n", (int)n, answer);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "serve") == 0) return serve(argv[2]);
  if (argc == 5 && strcmp(argv[1], "send") == 0) return send_one(argv[2], argv[3], argv[4]);
  fprintf(stderr, "usage: udp-echo serve PORT | udp-echo send HOST PORT TEXT\n");
  return 2;
}
