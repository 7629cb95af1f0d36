package dev.saascore.ui;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The single runnable application: command side, query side and UI, each switchable by configuration. */
@SpringBootApplication(scanBasePackages = "dev.saascore.ui")
public class SaasCoreApplication {

    public static void main(String[] args) {
        // Axon's update checker calls out to the internet; this platform never does that unasked.
        System.setProperty("axoniq.update-checker.disabled", "true");
        try {
            SpringApplication.run(SaasCoreApplication.class, args);
        } catch (RuntimeException startupFailure) {
            // Axon's non-daemon threads can keep a half-started JVM alive; a failed start must end the process.
            System.exit(1);
        }
    }
}
