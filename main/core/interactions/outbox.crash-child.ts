// Test helper run as a child process (tsx): journals one attached-data write, says so on stdout, then hangs
// in delivery so the parent can SIGKILL it between journaling and delivery.
import { quietLogger } from '../../../common/logger';
import { openOutbox } from './outbox';

const [file, interactionId] = process.argv.slice(2);
if (!file || !interactionId) throw new Error('usage: outbox.crash-child.ts <journal> <interactionId>');
const outbox = await openOutbox({
  file,
  log: quietLogger(),
  deliver: () => new Promise<void>(() => undefined),
});
const writeId = await outbox.enqueue(interactionId, {
  CoBrowseAssociated: 'Yes',
  CoBrowseSessionsQuantity: 1,
});
process.stdout.write(`journaled ${writeId}\n`);
setInterval(() => undefined, 1_000);
