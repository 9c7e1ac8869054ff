package dev.paykit.spring.boot;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.adapter.jdbc.JdbcOptions;
import dev.paykit.adapter.jdbc.JdbcStores;
import dev.paykit.port.out.Stores;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Paykit's stores, unless the application defines its own {@link Stores}: the JDBC stores on the
 * application's {@link DataSource} ({@code paykit.store.type=jdbc}, the default), with Paykit's
 * isolated migrations run on start unless {@code paykit.store.migrate=false}; or the in-memory
 * stores ({@code paykit.store.type=memory}).
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@EnableConfigurationProperties(PaykitProperties.class)
public class PaykitStoresAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JdbcStores.class)
  @ConditionalOnSingleCandidate(DataSource.class)
  @ConditionalOnProperty(
      prefix = "paykit.store",
      name = "type",
      havingValue = "jdbc",
      matchIfMissing = true)
  static class Jdbc {

    /**
     * After the application's own database initialization (its Flyway, Liquibase or SQL scripts):
     * Paykit's migrations then find the schema in use and keep their own history beside the
     * application's, which needs no setting. Closing the stores leaves the DataSource open.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Stores.class)
    @DependsOnDatabaseInitialization
    JdbcStores paykitStores(DataSource dataSource, PaykitProperties properties) {
      PaykitProperties.Store store = properties.getStore();
      JdbcOptions options = JdbcOptions.defaults();
      if (store.getSchema() != null) {
        try {
          options = options.inSchema(store.getSchema());
        } catch (RuntimeException e) {
          throw new InvalidPaykitPropertyException(
              "paykit.store.schema", "must be a plain lower-case name ([a-z_][a-z0-9_]*)");
        }
      }
      if (!store.isMigrate()) {
        options = options.withoutMigrating();
      }
      return JdbcStores.on(dataSource, options);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(InMemoryStores.class)
  @ConditionalOnProperty(prefix = "paykit.store", name = "type", havingValue = "memory")
  static class Memory {

    @Bean
    @ConditionalOnMissingBean(Stores.class)
    InMemoryStores paykitStores() {
      return new InMemoryStores();
    }
  }
}
