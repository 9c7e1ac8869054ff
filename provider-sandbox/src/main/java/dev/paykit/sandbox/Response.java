package dev.paykit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response, built fully before anything is written (so that faults can replace or drop it). */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

  static final String JSON = "application/json";

  Response {
    headers = Map.copyOf(headers);
  }

  static Response json(int status, JsonNode node) {
    return new Response(status, JSON, Json.bytes(node), Map.of());
  }

  static Response error(SandboxApiException e) {
    Map<String, String> headers = Map.of();
    if ("invalid_token".equals(e.code())) {
      headers = Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    } else if ("invalid_client".equals(e.code())) {
      headers = Map.of("WWW-Authenticate", "Basic realm=\"paykit-sandbox\"");
    }
    return new Response(e.status(), JSON, Json.bytes(Json.error(e)), headers);
  }

  static Response html(int status, String html) {
    return new Response(
        status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A status with no body, such as {@code 204 No Content}. */
  static Response empty(int status) {
    return new Response(status, null, new byte[0], Map.of());
  }

  static Response seeOther(URI location) {
    return new Response(303, null, new byte[0], Map.of("Location", location.toString()));
  }

  Response withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Response(status, contentType, body, copy);
  }
}
