package dev.pulse.deploy.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What this machine can do at most, measured in the same run as the end-to-end figures. */
final class Ceilings {
    private Ceilings() {}

    /** Raw RSA private-key operations per second (2048-bit, RSA/ECB/NoPadding, CRT key) on {@code threads} threads. */
    static double rsaPrivateOpsPerSecond(int threads, Duration duration) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair kp = gen.generateKeyPair();
        BigInteger n = ((RSAPublicKey) kp.getPublic()).getModulus();
        AtomicLong ops = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        long[] window = new long[2];
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
                    c.init(Cipher.DECRYPT_MODE, kp.getPrivate());
                    SecureRandom r = new SecureRandom();
                    byte[] in = new BigInteger(2047, r).mod(n).toByteArray();
                    byte[] block = new byte[256];
                    System.arraycopy(in, Math.max(0, in.length - 256), block, 256 - Math.min(256, in.length), Math.min(256, in.length));
                    while (System.nanoTime() < warmupEnd) {
                        c.doFinal(block);
                    }
                    long end = warmupEnd + duration.toNanos();
                    while (System.nanoTime() < end) {
                        c.doFinal(block);
                        ops.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return ops.get() / (duration.toNanos() / 1e9);
    }

    /** Single-row INSERT + COMMIT per transaction (autocommit), {@code threads} connections in parallel. */
    static double postgresCommitsPerSecond(String url, String user, String password, int threads, Duration duration) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_commit (id bigserial primary key, payload varchar(200) not null)");
            s.execute("truncate bench_commit");
        }
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password);
                     PreparedStatement ps = c.prepareStatement("insert into bench_commit (payload) values (?)")) {
                    c.setAutoCommit(true);
                    ps.setString(1, "x".repeat(180));
                    while (System.nanoTime() < end) {
                        ps.executeUpdate();
                        commits.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return commits.get() / (duration.toNanos() / 1e9);
    }

    /** Records acknowledged per second with acks=all, 300-byte values (a submission's size), async with default batching. */
    static double kafkaAcksAllPerSecond(String bootstrap, String topic, Duration duration) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        byte[] value = "r".repeat(300).getBytes(StandardCharsets.UTF_8);
        AtomicLong acked = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            long end = System.nanoTime() + duration.toNanos();
            long sent = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(topic, value), (m, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    }
                });
                // bounded in-flight backlog so the figure is a rate, not a buffer fill
                if (++sent - acked.get() > 20_000) {
                    producer.flush();
                }
            }
            long counted = acked.get();
            return counted / (duration.toNanos() / 1e9);
        }
    }
}
