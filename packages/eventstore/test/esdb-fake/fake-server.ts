import { randomUUID } from 'node:crypto';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import grpc from '@grpc/grpc-js';
import { type Expected, FakeLog, type FakeRecord } from './log.ts';

/**
 * A gRPC server speaking the part of EventStoreDB's Streams protocol the
 * adapter uses (Read: stream, $all, subscription to $all with filters;
 * Append), over a FakeLog. It does not advertise server features, so the
 * client uses the single Append call instead of BatchAppend (same semantics
 * and error types on the client side). Test use only.
 */
export async function startFakeEsdb(options: { recentIdCache?: number } = {}): Promise<{ url: string; log: FakeLog; stop(): Promise<void> }> {
  const log = new FakeLog(options);
  const server = new grpc.Server();
  server.addService(streamsGrpc.StreamsService, { read: read(log), append: append(log) });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

type ReadCall = grpc.ServerWritableStream<InstanceType<typeof streamsPb.ReadReq>, InstanceType<typeof streamsPb.ReadResp>>;

function read(log: FakeLog) {
  return (call: ReadCall) => {
    const options = call.request.getOptions()!;
    const count = options.hasCount() ? Math.min(Number(options.getCount()), Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
    if (options.hasStream()) {
      const stream = options.getStream()!;
      const name = Buffer.from(stream.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const from = stream.hasRevision() ? BigInt(stream.getRevision()) : stream.hasEnd() ? 'end' : 'start';
      const direction = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS ? 'backwards' : 'forwards';
      const records = log.readStream(name, direction, from, count);
      if (!records) {
        const notFound = new streamsPb.ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(stream.getStreamIdentifier());
        call.write(new streamsPb.ReadResp().setStreamNotFound(notFound));
      } else {
        for (const record of records) call.write(eventResp(record, false));
      }
      call.end();
      return;
    }
    const all = options.getAll()!;
    const from = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : 'start';
    if (!options.hasSubscription()) {
      if (options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS || all.hasEnd()) {
        call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'fake: backward $all reads' });
        return;
      }
      for (const record of log.readAll(from, count)) call.write(eventResp(record, true));
      call.end();
      return;
    }
    const accepts = filterOf(options);
    call.write(new streamsPb.ReadResp().setConfirmation(new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    const unsubscribe = log.subscribe(from, (records) => {
      for (const record of records) if (accepts(record)) call.write(eventResp(record, true));
    });
    call.on('cancelled', unsubscribe);
    call.on('close', unsubscribe);
  };
}

/** The subscription filter the client sent: stream name or event type, by prefixes or regex. */
function filterOf(options: InstanceType<typeof streamsPb.ReadReq.Options>): (record: FakeRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (record) => {
    const value = onStream ? record.stream : record.type;
    return regex ? regex.test(value) : prefixes.some((prefix) => value.startsWith(prefix));
  };
}

function eventResp(record: FakeRecord, inAll: boolean): InstanceType<typeof streamsPb.ReadResp> {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(new sharedPb.UUID().setString(record.id));
  recorded.setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(record.stream, 'utf8')));
  recorded.setStreamRevision(record.revision.toString());
  recorded.setCommitPosition(record.position.toString());
  recorded.setPreparePosition(record.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', (BigInt(record.created.getTime()) * 10_000n).toString()); // .NET ticks since the Unix epoch
  recorded.setData(record.data);
  recorded.setCustomMetadata(record.metadata);
  const event = new streamsPb.ReadResp.ReadEvent().setEvent(recorded);
  if (inAll) event.setCommitPosition(record.position.toString());
  else event.setNoPosition(new sharedPb.Empty());
  return new streamsPb.ReadResp().setEvent(event);
}

type AppendCall = grpc.ServerReadableStream<InstanceType<typeof streamsPb.AppendReq>, InstanceType<typeof streamsPb.AppendResp>>;
type AppendCallback = grpc.sendUnaryData<InstanceType<typeof streamsPb.AppendResp>>;

function append(log: FakeLog) {
  return (call: AppendCall, callback: AppendCallback) => {
    let stream = '';
    let expected: Expected = 'any';
    const proposed: Parameters<FakeLog['append']>[2] = [];
    call.on('data', (request: InstanceType<typeof streamsPb.AppendReq>) => {
      if (request.hasOptions()) {
        const options = request.getOptions()!;
        stream = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
        expected = options.hasRevision() ? BigInt(options.getRevision()) : options.hasNoStream() ? -1n : options.hasStreamExists() ? 'exists' : 'any';
        return;
      }
      const message = request.getProposedMessage()!;
      proposed.push({
        id: message.getId()!.getString(),
        type: message.getMetadataMap().get('type')!,
        contentType: message.getMetadataMap().get('content-type')!,
        data: message.getData_asU8(),
        metadata: message.getCustomMetadata_asU8(),
      });
    });
    call.on('end', () => {
      const outcome = log.append(stream, expected, proposed);
      const response = new streamsPb.AppendResp();
      if (outcome.ok) {
        const position = new streamsPb.AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
        response.setSuccess(new streamsPb.AppendResp.Success().setCurrentRevision(outcome.last.toString()).setPosition(position));
      } else {
        const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
        if (outcome.current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
        else wrong.setCurrentRevision(outcome.current.toString());
        if (typeof expected === 'bigint' && expected >= 0n) wrong.setExpectedRevision(expected.toString());
        else if (expected === -1n) wrong.setExpectedNoStream(new sharedPb.Empty());
        else if (expected === 'exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
        else wrong.setExpectedAny(new sharedPb.Empty());
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  };
}
