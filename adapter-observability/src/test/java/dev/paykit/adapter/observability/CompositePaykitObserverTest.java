package dev.paykit.adapter.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositePaykitObserverTest {
  @Test
  void an_observer_that_throws_does_not_keep_the_others_from_hearing() {
    List<PaykitEvent> heard = new ArrayList<>();
    PaykitObserver broken =
        event -> {
          throw new IllegalStateException("metrics backend down");
        };
    CompositePaykitObserver composite = new CompositePaykitObserver(List.of(broken, heard::add));
    PaykitEvent event = new PaykitEvent.TokenRefreshed(Instant.EPOCH, Duration.ofHours(1));

    composite.on(event);

    assertThat(heard).containsExactly(event);
  }
}
