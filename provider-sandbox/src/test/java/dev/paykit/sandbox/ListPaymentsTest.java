package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.errorCode;
import static dev.paykit.sandbox.SandboxClient.errorParam;
import static dev.paykit.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListPaymentsTest {

  private SandboxProvider sandbox;
  private SandboxClient client;
  private final List<String> created = new ArrayList<>();

  @BeforeAll
  void start() {
    sandbox = SandboxProvider.start(TestSandboxes.fast().build());
    client = new SandboxClient(sandbox);
    for (int i = 0; i < 23; i++) {
      created.add(client.createPayment(i % 5 == 0 ? "shared-order" : "order-" + i, 100 + i, "EUR"));
    }
  }

  @AfterAll
  void stop() {
    sandbox.close();
  }

  @Test
  void lists_newest_first_and_pages_with_an_opaque_cursor() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      HttpResponse<String> response =
          client.get(
              "/v1/payments?limit=5"
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json(response);
      body.get("data").forEach(p -> seen.add(p.get("transactionId").asText()));
      cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
      pages++;
    } while (cursor != null);

    List<String> newestFirst = new ArrayList<>(created);
    Collections.reverse(newestFirst);
    assertThat(seen).containsExactlyElementsOf(newestFirst);
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void returns_20_items_by_default_with_a_next_cursor() {
    JsonNode body = json(client.get("/v1/payments"));

    assertThat(body.get("data")).hasSize(20);
    assertThat(body.get("nextCursor").isTextual()).isTrue();
    assertThat(body.get("data").get(0).get("transactionId").asText())
        .isEqualTo(created.get(created.size() - 1));
  }

  @Test
  void filters_by_external_id_and_ends_with_a_null_cursor() {
    JsonNode body = json(client.get("/v1/payments?externalId=shared-order&limit=100"));

    assertThat(body.get("data")).hasSize(5);
    body.get("data")
        .forEach(p -> assertThat(p.get("externalId").asText()).isEqualTo("shared-order"));
    assertThat(body.get("nextCursor").isNull()).isTrue();
    assertThat(json(client.get("/v1/payments?externalId=nobody")).get("data")).isEmpty();
  }

  @Test
  void rejects_a_limit_outside_1_to_100() {
    for (String limit : new String[] {"0", "101", "ten", ""}) {
      HttpResponse<String> response = client.get("/v1/payments?limit=" + limit);
      assertThat(response.statusCode()).as(limit).isEqualTo(400);
      assertThat(errorParam(response)).as(limit).isEqualTo("limit");
    }
    assertThat(json(client.get("/v1/payments?limit=100")).get("data")).hasSize(23);
    assertThat(json(client.get("/v1/payments?limit=1")).get("data")).hasSize(1);
  }

  @Test
  void rejects_a_cursor_it_did_not_give_and_unknown_parameters() {
    HttpResponse<String> badCursor = client.get("/v1/payments?cursor=bm9wZQ");
    HttpResponse<String> unknown = client.get("/v1/payments?status=started");

    assertThat(badCursor.statusCode()).isEqualTo(400);
    assertThat(errorParam(badCursor)).isEqualTo("cursor");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(errorCode(unknown)).isEqualTo("invalid_request");
    assertThat(errorParam(unknown)).isEqualTo("status");
  }
}
