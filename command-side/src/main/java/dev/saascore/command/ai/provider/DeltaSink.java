package dev.saascore.command.ai.provider;

import java.io.IOException;

/** Receives a streamed answer piece by piece. Throwing (e.g. the client went away) stops the stream. */
@FunctionalInterface
public interface DeltaSink {
    void accept(String textDelta) throws IOException;
}
