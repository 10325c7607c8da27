package ai.automations.registry.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many characters a statement may have and still be prepared once per connection ({@link StatementCachePool}). */
@ConfigMapping(prefix = "automations.datasource")
public interface StatementCacheConfig {

    /**
     * Statements up to this length are parsed and planned once per connection and then only executed. Vert.x's
     * default (2,048) leaves out the read of a version, which PostgreSQL then plans at every call.
     */
    @WithDefault("16384")
    int preparedStatementCacheSqlLimit();
}
