import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Readiness probe for the local Kafka broker, compiled once into the cache by
 * infra/local/lib/kafka.sh. An open port is not enough: the broker binds its
 * listener before it has registered with the controller and been unfenced.
 * This asks for the cluster's live brokers and the topic list over the real
 * protocol; it exits 0 only when both answer and at least one broker is live.
 *
 * Usage: java -cp kafka-clients.jar:slf4j-api.jar:<dir> KafkaReady host:port
 */
public final class KafkaReady {
  public static void main(String[] args) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
    props.put(AdminClientConfig.RETRIES_CONFIG, "0");
    int status = 1;
    try (Admin admin = Admin.create(props)) {
      int brokers = admin.describeCluster().nodes().get().size();
      admin.listTopics().names().get();
      status = brokers > 0 ? 0 : 1;
    } catch (Exception e) {
      System.err.println("not ready: " + e);
    }
    System.exit(status);
  }
}
