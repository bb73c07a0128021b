// A short beep made on the spot with WebAudio: no sound file to ship or load.

let context: AudioContext | undefined;

function audio(): AudioContext | undefined {
  if (context) return context;
  const Context = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!Context) return undefined;
  context = new Context();
  return context;
}

/** Lets later beeps play: browsers start audio suspended until a click, so call this from one (the sound toggle). */
export function unlockAudio(): void {
  void audio()?.resume();
}

export function beep(): void {
  const ctx = audio();
  if (!ctx) return;
  const start = ctx.currentTime;
  const tone = ctx.createOscillator();
  const gain = ctx.createGain();
  tone.type = 'sine';
  tone.frequency.value = 880;
  // A quick rise and an exponential fall: no click at either end.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.25);
  tone.connect(gain).connect(ctx.destination);
  tone.start(start);
  tone.stop(start + 0.3);
}
