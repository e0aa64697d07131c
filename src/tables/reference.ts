/**
 * Figures a publisher prints for the same thing an indicator measures, shown beside ours where the two
 * differ by definition (data contract 5): ONS's England and Wales recorded crime rate counts British
 * Transport Police, ours the 43 forces only. Read from the publisher's own cell, never retyped.
 */
import { defineTable } from '../tables.ts';

export const PUBLISHED_REFERENCE_VALUES = defineTable({
  name: 'published_reference_values',
  title: "Publishers' own figures shown beside ours",
  description:
    "A figure the publisher prints for an indicator's area and period, where ours is defined differently (label says how), read from the publisher's cell: e.g. ONS's England and Wales recorded crime rate per 1,000 (Table P3), which counts the 43 forces and British Transport Police over the England and Wales population, beside our 43-force figure.",
  primaryKey: ['indicator_id', 'area_type', 'area_code', 'period'],
  columns: [
    { name: 'indicator_id', type: 'string', description: 'The indicator ours is (indicator_values.indicator_id).' },
    { name: 'area_type', type: 'string', description: 'pfa, region, prison or england_wales.', enum: ['pfa', 'region', 'prison', 'england_wales'] },
    { name: 'area_code', type: 'string', description: 'Area code (K04000001 for England and Wales).' },
    { name: 'period', type: 'string', description: 'Period, in the indicator’s own labels (indicator_values.period).' },
    { name: 'value', type: 'number', description: "The publisher's figure, in the indicator's unit, unrounded as stored in the cell." },
    { name: 'label', type: 'string', description: 'What the publisher’s figure counts and how it differs from ours.' },
  ],
});
