package dev.sts.support;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of an HTTP answer ({@link java.net.http.HttpClient}), collected up to a cap: the exchange fails, and the stream
 * is cancelled, as soon as more arrives, so a peer cannot make a service hold more than the cap. Shared by every
 * service-to-service and issuer client.
 */
public final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final int cap;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final List<ByteBuffer> received = new ArrayList<>();
    private Flow.Subscription subscription;
    private int size;

    public CappedBodySubscriber(int cap) {
        this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            size += buffer.remaining();
            received.add(buffer);
        }
        if (size > cap) {
            received.clear();
            subscription.cancel();
            result.completeExceptionally(new IOException("the answer is larger than " + cap + " bytes"));
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        byte[] body = new byte[size];
        int offset = 0;
        for (ByteBuffer buffer : received) {
            int length = buffer.remaining();
            buffer.get(body, offset, length);
            offset += length;
        }
        result.complete(body);
    }
}
