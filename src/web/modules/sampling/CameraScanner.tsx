/**
 * The phone camera as the desk's scanner: the back camera's picture, read a few times a second; each code
 * that comes into view is handed to `onScan` once (ScanFilter), exactly as if a scanner had typed it.
 * The camera stops when the panel closes or the page goes.
 */
import { Alert, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Detector, ScanFilter, cameraProblem, loadDetector } from './camera';

const READ_EVERY_MS = 250;

export function CameraScanner({ onScan }: { onScan: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const handler = useRef(onScan);
  handler.current = onScan;
  const [state, setState] = useState<'starting' | 'reading' | { problem: string }>('starting');
  const [seen, setSeen] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const filter = new ScanFilter();

    const read = async (detector: Detector) => {
      const v = video.current;
      if (stopped || !v) return;
      if (v.readyState >= 2) {
        try {
          for (const code of await detector.detect(v)) {
            if (filter.accept(code.rawValue, Date.now())) {
              setSeen(code.rawValue);
              handler.current(code.rawValue.trim());
            }
          }
        } catch {
          // A frame that could not be read (the camera refocusing): try the next one.
        }
      }
      if (!stopped) timer = setTimeout(() => void read(detector), READ_EVERY_MS);
    };

    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia)
          throw Object.assign(new Error('no mediaDevices'), { name: window.isSecureContext ? 'NotFoundError' : 'SecurityError' });
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
        if (stopped) return;
        const v = video.current!;
        v.srcObject = stream;
        await v.play().catch(() => undefined);
        const detector = await loadDetector();
        if (stopped) return;
        setState('reading');
        void read(detector);
      } catch (e) {
        if (!stopped) setState({ problem: cameraProblem(e) });
      }
    })();

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div data-testid="desk-camera">
      {typeof state === 'object' ? (
        <Alert type="error" showIcon data-testid="desk-camera-problem" message={t(`sampling.camera.problem.${state.problem}`)} />
      ) : (
        <Typography.Text type="secondary" data-testid="desk-camera-state">
          {state === 'starting' ? t('sampling.camera.starting') : t('sampling.camera.reading')}
          {seen && ` · ${t('sampling.camera.seen', { code: seen })}`}
        </Typography.Text>
      )}
      <video
        ref={video}
        muted
        playsInline
        style={{
          width: '100%',
          maxHeight: 320,
          background: '#000',
          borderRadius: 8,
          marginTop: 8,
          display: typeof state === 'object' ? 'none' : 'block',
          objectFit: 'cover',
        }}
      />
    </div>
  );
}
