package dev.paykit.port.shared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The headers of a webhook request, looked up case-insensitively as HTTP requires. */
public record WebhookHeaders(Map<String, List<String>> values) {

  public WebhookHeaders {
    TreeMap<String, List<String>> folded = new TreeMap<>();
    values.forEach(
        (name, list) -> {
          if (name != null) {
            folded
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(list);
          }
        });
    folded.replaceAll((k, v) -> List.copyOf(v));
    values = Collections.unmodifiableMap(folded);
  }

  public static WebhookHeaders of(Map<String, String> single) {
    Map<String, List<String>> lists = new TreeMap<>();
    single.forEach((k, v) -> lists.put(k, List.of(v)));
    return new WebhookHeaders(lists);
  }

  public Optional<String> first(String name) {
    List<String> list = values.get(name.toLowerCase(Locale.ROOT));
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }
}
