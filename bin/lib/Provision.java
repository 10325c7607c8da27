import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Provisioning steps of `bin/automations up` that need a client library: databases on PostgreSQL and the contract's
 * topics on Kafka. Run with the broker's jars on the class path (they include the PostgreSQL driver).
 *
 *   java -cp 'lib/*' Provision.java databases jdbc:postgresql://host:port user password name...
 *   java -cp 'lib/*' Provision.java topics bootstrap-servers partitions
 *   java -cp 'lib/*' Provision.java kafka-ready bootstrap-servers seconds
 */
public class Provision {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "databases" -> databases(args[1], args[2], args[3], List.of(args).subList(4, args.length));
            case "topics" -> topics(args[1], Integer.parseInt(args[2]));
            case "kafka-ready" -> kafkaReady(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown step " + args[0]);
        }
    }

    static void databases(String server, String user, String password, List<String> names) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(server + "/postgres", props); Statement s = c.createStatement()) {
            for (String name : names) {
                try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (r.next()) {
                        continue;
                    }
                }
                s.execute("CREATE DATABASE " + name);
                System.out.println("created database " + name);
            }
        }
    }

    static void topics(String bootstrap, int partitions) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : List.of("automation.events", "automation.run-metrics", "automation.actions",
                "automation.actions.dlq", "automation.secrets.changes")) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        topics.add(new NewTopic("automation.definitions", partitions, (short) 1)
                .configs(Map.of("cleanup.policy", "compact")));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (NewTopic topic : topics) {
                if (existing.contains(topic.name())) {
                    continue;
                }
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    System.out.println("created topic " + topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    static void kafkaReady(String bootstrap, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Kafka at " + bootstrap + " is not ready", last);
    }
}
