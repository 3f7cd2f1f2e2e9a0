// Compiled and run by deploy/local/kafka.sh against the broker's own jars (kafka-clients is among them):
//   java -cp '.state/kafka/tools:.state/kafka/libs/*' EnsureTopics <bootstrap> <topic>[:<config>=<value>,...] ...
// The broker has auto.create.topics.enable=false, so the topics the services use are created here,
// once, with the broker defaults (num.partitions, replication factor 1). Also proves the admin API works.

import java.util.*;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.*;

public class EnsureTopics {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: EnsureTopics <bootstrap> [topic[:key=value,...]]...");
            System.exit(2);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String spec : Arrays.copyOfRange(args, 1, args.length)) {
                String[] parts = spec.split(":", 2);
                if (existing.contains(parts[0])) continue;
                Map<String, String> configs = new HashMap<>();
                if (parts.length == 2) {
                    for (String kv : parts[1].split(",")) {
                        String[] p = kv.split("=", 2);
                        configs.put(p[0], p[1]);
                    }
                }
                missing.add(new NewTopic(parts[0], Optional.empty(), Optional.empty()).configs(configs));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            Map<String, TopicDescription> topics = admin.describeTopics(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            String clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            System.out.printf("cluster %s, created %d topic(s)%n", clusterId, missing.size());
            new TreeMap<>(topics).forEach((name, d) ->
                    System.out.printf("  %s partitions=%d%n", name, d.partitions().size()));
        }
    }
}
