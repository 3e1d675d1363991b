// Preloaded (`node --import`) into a gateway under test: each SIGUSR2 provokes the faults a bug would,
// an 'error' event nobody listens to and a rejected promise nobody handles, outside any request.
import { EventEmitter } from 'node:events';

process.on('SIGUSR2', () => {
  setImmediate(() => {
    const error = Object.assign(new Error('provoked fault carrying caller data 4111-1111'), { code: 'UND_ERR_ABORTED' });
    new EventEmitter().emit('error', error);
  });
  void Promise.reject(new TypeError('provoked rejection carrying caller data 4111-1111'));
});
