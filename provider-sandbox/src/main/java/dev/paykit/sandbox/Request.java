package dev.paykit.sandbox;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One incoming request, its body read, its path parameters matched. */
final class Request {

  final String requestId;
  final String method;
  final String path;
  final String rawQuery;
  final Headers headers;
  final byte[] body;
  final Map<String, String> pathParams;
  final FaultPlan faults;

  Request(
      String requestId,
      String method,
      String path,
      String rawQuery,
      Headers headers,
      byte[] body,
      Map<String, String> pathParams,
      FaultPlan faults) {
    this.requestId = requestId;
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.body = body;
    this.pathParams = pathParams;
    this.faults = faults;
  }

  String header(String name) {
    return headers.getFirst(name);
  }

  String pathParam(String name) {
    return pathParams.get(name);
  }

  /** The query parameters; a parameter given twice is a 400 {@code invalid_request}. */
  Map<String, String> query() {
    return parseForm(rawQuery);
  }

  /** The body as {@code application/x-www-form-urlencoded}. */
  Map<String, String> form() {
    return parseForm(new String(body, StandardCharsets.UTF_8));
  }

  /** Requires {@code Content-Type: application/json} (parameters such as charset allowed). */
  void requireJson() {
    String type = header("Content-Type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw SandboxApiException.invalidRequest(
          "Content-Type must be application/json.", "Content-Type");
    }
  }

  private static Map<String, String> parseForm(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (params.put(name, value) != null) {
        throw SandboxApiException.invalidRequest("Parameter '" + name + "' given twice.", name);
      }
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw SandboxApiException.invalidRequest("Malformed percent-encoding.", null);
    }
  }
}
