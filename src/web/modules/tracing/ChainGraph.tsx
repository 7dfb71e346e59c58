/**
 * One transmission chain drawn with cytoscape (its own chunk, loaded with this page): as a hierarchy from the
 * first cases down, or as a timeline across the days. Cases are red squares, contacts circles coloured by level,
 * people outside the viewer's area grey and unnamed. A tap on a person opens their case.
 */
import type { Core, ElementDefinition } from 'cytoscape';
import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type Chain, timelineDays, timelinePositions } from './chain-layout';

const LEVEL_COLOURS: Record<string, string> = { close: '#fa8c16', secondary: '#faad14', general: '#1677ff' };

export function ChainGraph({ chain, mode }: { chain: Chain; mode: 'tree' | 'timeline' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const positions = mode === 'timeline' ? timelinePositions(chain.nodes) : null;
    const elements: ElementDefinition[] = [
      ...chain.nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.name ?? t('tracing.chain.outside'),
          colour: !n.inScope ? '#bfbfbf' : n.kind === 'case' ? '#f5222d' : (LEVEL_COLOURS[n.level ?? 'general'] ?? '#1677ff'),
          shape: n.kind === 'case' ? 'round-rectangle' : 'ellipse',
          open: n.openCaseId ?? '',
        },
        ...(positions ? { position: positions.get(n.id) } : {}),
      })),
      ...timelineAxis(chain, mode),
      ...chain.edges.map((e, i) => ({
        data: { id: `e${i}`, source: e.from, target: e.to, colour: LEVEL_COLOURS[e.level] ?? '#8c8c8c', label: e.exposedOn.slice(5) },
      })),
    ];
    const roots = chain.nodes.filter((n) => n.generation === 0).map((n) => `#${n.id}`);
    cy.current = cytoscape({
      container: box.current,
      elements,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            shape: 'data(shape)' as never,
            label: 'data(label)',
            'font-size': 11,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            width: 26,
            height: 26,
          },
        },
        { selector: 'node.axis', style: { 'background-opacity': 0, width: 1, height: 1, color: '#8c8c8c', 'text-valign': 'top' } },
        {
          selector: 'edge',
          style: {
            width: 2,
            'line-color': 'data(colour)',
            'target-arrow-color': 'data(colour)',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            label: 'data(label)',
            'font-size': 9,
            color: '#8c8c8c',
          },
        },
      ],
      layout: positions
        ? { name: 'preset', fit: true, padding: 30 }
        : { name: 'breadthfirst', directed: true, roots, spacingFactor: 1.1, fit: true, padding: 30 },
    });
    cy.current.on('tap', 'node', (e) => {
      const open = e.target.data('open');
      if (open) navigate(`/tracing/cases/${open}`);
    });
    return () => {
      cy.current?.destroy();
      cy.current = null;
    };
  }, [chain, mode, navigate, t]);

  return (
    <div
      ref={box}
      data-testid="chain-graph"
      data-nodes={chain.nodes.length}
      style={{ width: '100%', height: 480, border: '1px solid #f0f0f0', borderRadius: 8 }}
    />
  );
}

/** The timeline's day labels, as unmovable, untappable nodes above the first row. */
function timelineAxis(chain: Chain, mode: 'tree' | 'timeline'): ElementDefinition[] {
  if (mode !== 'timeline') return [];
  return timelineDays(chain.nodes).map((d) => ({
    data: { id: `day-${d.day}`, label: d.day, open: '' },
    classes: 'axis',
    position: { x: d.x, y: -50 },
    locked: true,
    selectable: false,
    grabbable: false,
  }));
}
