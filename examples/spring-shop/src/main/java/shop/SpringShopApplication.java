package shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop on Spring Boot with Paykit's starter: the use cases, the JDBC stores on the shop's
 * DataSource, the HTTP provider gateway, the webhook endpoint, the workers, the health indicator
 * and the metrics all come from {@code paykit.*} properties. The shop writes its checkout, its
 * return page and its handler of outcomes ({@link OrderFulfilment}).
 */
@SpringBootApplication
public class SpringShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(SpringShopApplication.class, args);
  }
}
